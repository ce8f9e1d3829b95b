import ArgumentParser
import NewsdeskCore

/// The inputs every reading command takes: files or standard input, and a size limit.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files to read, or - for standard input (gzip-compressed or not).")
    var inputs: [String] = ["-"]

    @Option(name: .customLong("max-size"), help: "The largest input accepted, in MB.")
    var maxSizeMB: Int = InputReader.defaultSizeLimit / 1_000_000

    func validate() throws {
        guard maxSizeMB >= 1 else { throw ValidationError("--max-size must be at least 1 (MB)") }
        if inputs.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("standard input (-) can be read only once")
        }
    }

    var reader: InputReader { InputReader(sizeLimit: maxSizeMB * 1_000_000) }
}
