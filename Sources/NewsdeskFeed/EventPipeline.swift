import Foundation
import NewsdeskCore

/// Reading a large feed on both cores: one thread runs libxml2 and records
/// its events in batches, the calling thread builds the feed from them as
/// they come. The builder is the slower half, so the reading costs nothing
/// extra on a machine with a core to spare.
enum EventPipeline {
    /// Below this size the handover costs more than it saves.
    static let threshold = 256 * 1024

    enum Event {
        case namespace(String?, String)
        case start(XMLName, [XMLAttribute])
        case end(XMLName)
        case text(String)
    }

    struct Outcome {
        var wellFormed: Bool
        var firstError: String?
    }

    /// Parses `document` on a second thread and feeds `handler` on this one.
    static func parse(_ document: [UInt8], into handler: any XMLEventHandler) -> Outcome {
        let queue = BatchQueue()
        let recorder = Recorder(queue: queue)
        let result = ResultBox()
        DetachedThread.run {
            let reader = XMLEventReader(handler: recorder)
            let wellFormed = reader.parse(document)
            recorder.flush()
            result.outcome = Outcome(wellFormed: wellFormed, firstError: reader.firstError)
            queue.finish()
        }
        while let batch = queue.next() {
            for event in batch {
                switch event {
                case .namespace(let prefix, let uri): handler.declareNamespace(prefix: prefix, uri: uri)
                case .start(let name, let attributes): handler.startElement(name, attributes: attributes)
                case .end(let name): handler.endElement(name)
                case .text(let text): handler.characters(text)
                }
            }
        }
        return result.outcome ?? Outcome(wellFormed: false, firstError: "the XML reader stopped")
    }

    /// Set by the reading thread before it finishes the queue; read after.
    private final class ResultBox: @unchecked Sendable {
        var outcome: Outcome?
    }

    /// Records events in batches for the other thread.
    private final class Recorder: XMLEventHandler, @unchecked Sendable {
        private let queue: BatchQueue
        private var batch: [Event] = []

        init(queue: BatchQueue) {
            self.queue = queue
            batch.reserveCapacity(1024)
        }

        func declareNamespace(prefix: String?, uri: String) { add(.namespace(prefix, uri)) }
        func startElement(_ name: XMLName, attributes: [XMLAttribute]) { add(.start(name, attributes)) }
        func endElement(_ name: XMLName) { add(.end(name)) }
        func characters(_ text: String) { add(.text(text)) }

        private func add(_ event: Event) {
            batch.append(event)
            if batch.count == 1024 { flush() }
        }

        func flush() {
            guard !batch.isEmpty else { return }
            queue.put(batch)
            batch = []
            batch.reserveCapacity(1024)
        }
    }

    /// A bounded queue of batches between the two threads.
    private final class BatchQueue: @unchecked Sendable {
        private let condition = NSCondition()
        private var batches: [[Event]] = []
        private var head = 0
        private var finished = false
        private let capacity = 64

        func put(_ batch: [Event]) {
            condition.lock()
            while batches.count - head >= capacity { condition.wait() }
            batches.append(batch)
            condition.broadcast()
            condition.unlock()
        }

        func finish() {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }

        /// The next batch, waiting for it; nil once the reader is done and all were taken.
        func next() -> [Event]? {
            condition.lock()
            defer { condition.unlock() }
            while head == batches.count && !finished { condition.wait() }
            guard head < batches.count else { return nil }
            let batch = batches[head]
            batches[head] = []
            head += 1
            if head > 256 {
                batches.removeFirst(head)
                head = 0
            }
            condition.broadcast()
            return batch
        }
    }
}
