import Foundation

/// Runs work items on at most `jobs` threads; the first error wins and stops new items.
enum Parallel {
    static func forEach<T: Sendable>(_ items: [T], jobs: Int, _ body: @escaping @Sendable (T) throws -> Void) throws {
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

    /// The results of `transform` on each item, in the items' order, computed on at most
    /// `jobs` threads; the first error wins. The results are gathered under a lock here, so
    /// callers keep none.
    static func map<T: Sendable, R>(_ items: [T], jobs: Int, _ transform: @escaping @Sendable (T) throws -> R) throws -> [R] {
        let results = Slots<R>(count: items.count)
        try forEach(Array(items.indices), jobs: jobs) { i in results[i] = try transform(items[i]) }
        return results.values
    }
}

/// Results written from concurrent work, each into its own slot.
final class Slots<R>: @unchecked Sendable {
    private var slots: [R?]
    private let lock = NSLock()

    init(count: Int) { slots = [R?](repeating: nil, count: count) }

    subscript(i: Int) -> R? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return slots[i]
        }
        set {
            lock.lock()
            slots[i] = newValue
            lock.unlock()
        }
    }

    /// Every slot's value (each must have been written).
    var values: [R] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
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

/// Work run on a thread of its own while the caller goes on (the corrected dataset beside the
/// rest of the assembly). `wait()` may be called more than once; `error` is the work's error
/// once it is done.
final class BackgroundTask: @unchecked Sendable {
    private let done = DispatchGroup()
    private let failure = FirstError()

    init(_ body: @escaping @Sendable () throws -> Void) {
        done.enter()
        DispatchQueue.global().async { [done, failure] in
            defer { done.leave() }
            do { try body() } catch { failure.record(error) }
        }
    }

    func wait() { done.wait() }

    var error: Error? { failure.error }
}
