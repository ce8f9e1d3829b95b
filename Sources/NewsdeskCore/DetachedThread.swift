#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A plain POSIX thread, for blocking work (the system resolver) or a pipeline
/// stage that must not hold up Swift's cooperative thread pool.
package enum DetachedThread {
    package static func run(_ body: @escaping @Sendable () -> Void) {
        final class Box: @unchecked Sendable {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(
            &thread, nil,
            { pointer in
                let box = Unmanaged<Box>.fromOpaque(pointer!).takeRetainedValue()
                box.body()
                return nil
            }, box)
        if status == 0 {
            pthread_detach(thread)
        } else {
            // No thread to be had: run here rather than not at all.
            Unmanaged<Box>.fromOpaque(box).takeRetainedValue().body()
        }
    }
}
