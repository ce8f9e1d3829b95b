import ArgumentParser
import NewsdeskCore

/// The inputs every reading command takes: files or standard input, and a size limit.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files to read, or - for standard input (gzip-compressed or not).")
    var inputs: [String] = ["-"]

    @Option(name: .customLong("max-size"), help: "The largest input accepted, in MB.")
    var maxSizeMB: Int = InputReader.defaultSizeLimit / 1_000_000

    func validate() throws {
        // libxml2 reads at most 2 GB at once.
        guard (1...2_000).contains(maxSizeMB) else { throw ValidationError("--max-size must be from 1 to 2000 (MB)") }
        if inputs.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("standard input (-) can be read only once")
        }
    }

    var reader: InputReader { InputReader(sizeLimit: maxSizeMB * 1_000_000) }
}
