import Foundation

/// Runs work items on at most `jobs` threads; the first error wins and stops new items.
enum Parallel {
    static func forEach<T>(_ items: [T], jobs: Int, _ body: @escaping (T) throws -> Void) throws {
        if jobs <= 1 || items.count <= 1 {
            for item in items { try body(item) }
            return
        }
        let semaphore = DispatchSemaphore(value: jobs)
        let group = DispatchGroup()
        let failure = FirstError()
        for item in items {
            semaphore.wait()
            if failure.error != nil {
                semaphore.signal()
                break
            }
            group.enter()
            DispatchQueue.global().async {
                defer {
                    semaphore.signal()
                    group.leave()
                }
                do { try body(item) } catch { failure.record(error) }
            }
        }
        group.wait()
        if let error = failure.error { throw error }
    }
}

/// The first error of concurrent work.
final class FirstError: @unchecked Sendable {
    private var stored: Error?
    private let lock = NSLock()

    var error: Error? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    func record(_ error: Error) {
        lock.lock()
        if stored == nil { stored = error }
        lock.unlock()
    }
}
