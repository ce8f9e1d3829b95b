/// Runs `transform` over the inputs on up to `width` tasks at once and hands
/// the results to `consume` in input order, holding only a bounded window of
/// results: memory stays flat however many inputs there are.
enum ParallelMap {
    static func run<Output: Sendable>(
        _ inputs: [String], width: Int,
        transform: @escaping @Sendable (String) -> Output,
        consume: (String, Output) -> Void
    ) async {
        guard width > 1 else {
            for input in inputs { consume(input, transform(input)) }
            return
        }
        let window = width * 2
        await withTaskGroup(of: (Int, Output).self) { group in
            var next = 0
            var pending: [Int: Output] = [:]
            var emitted = 0
            func submit() {
                guard next < inputs.count else { return }
                let position = next
                let input = inputs[position]
                group.addTask { (position, transform(input)) }
                next += 1
            }
            for _ in 0..<min(window, inputs.count) { submit() }
            while let (position, output) = await group.next() {
                pending[position] = output
                while let ready = pending.removeValue(forKey: emitted) {
                    consume(inputs[emitted], ready)
                    emitted += 1
                    submit()
                }
            }
        }
    }
}
