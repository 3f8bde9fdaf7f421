// Hands batch numbers to worker threads and their finished output back to the writer in
// order. The window bounds how far workers may run ahead of the writer, which bounds memory to a
// few batches however large the dataset; the first error from any side stops everyone.

import Foundation

/// An ordered hand-off of rendered batches between worker threads and one writer.
final class BatchQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private let batches: Int
    private let window: Int
    private var nextToTake = 0
    private var written = 0
    private var done: [Int: BatchOutput] = [:]
    private var error: Error?

    init(batches: Int, window: Int) {
        self.batches = batches
        self.window = window
    }

    /// The next batch number for a worker, nil when there is no more work (or a failure).
    func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while error == nil && nextToTake < batches && nextToTake - written >= window { condition.wait() }
        guard error == nil, nextToTake < batches else { return nil }
        nextToTake += 1
        return nextToTake - 1
    }

    /// A worker's finished batch.
    func put(_ batch: Int, _ output: BatchOutput) {
        condition.lock()
        done[batch] = output
        condition.broadcast()
        condition.unlock()
    }

    /// Stops every worker and the writer with `error` (the first one wins).
    func fail(_ error: Error) {
        condition.lock()
        if self.error == nil { self.error = error }
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for batch `batch` (the writer calls 0, 1, 2 … in order).
    func next(_ batch: Int) throws -> BatchOutput {
        condition.lock()
        defer { condition.unlock() }
        while done[batch] == nil && error == nil { condition.wait() }
        if let error { throw error }
        let output = done.removeValue(forKey: batch)!
        written = batch + 1
        condition.broadcast()
        return output
    }
}
