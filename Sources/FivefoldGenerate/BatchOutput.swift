// What one batch of households produces: a byte buffer per output file, the per-village counts
// that villages.csv needs, and tallies for generator.json. Batches are independent, so workers
// fill them in parallel; the writer appends them to the files strictly in batch order, which is
// what makes the output identical whatever the number of cores.

/// The rendered output of one batch of households.
public struct BatchOutput: Sendable {
    /// Per-village system member rows and registered-poor member rows.
    public struct VillageCount: Sendable {
        public var members = 0
        public var registeredPoor = 0
        public var households = 0
    }

    var buffers: [TextBuffer]
    public internal(set) var villages: [Int: VillageCount] = [:]
    public internal(set) var households = 0
    public internal(set) var memberRows = 0
    public internal(set) var unregistered = 0
    public internal(set) var noiseRows = 0
    public internal(set) var defects: [String: Int] = [:]
    public internal(set) var truthRows = 0
    /// Wall cards, and those writing the vocabulary gap value.
    public internal(set) var wallRows = 0
    public internal(set) var gapHouseholds: [(region: String, id: String)] = []

    public init() {
        buffers = Array(repeating: TextBuffer(), count: OutputFile.allCases.count)
    }

    /// Takes a file's buffer out (so appending does not copy it); give it back with `store`.
    mutating func buffer(_ file: OutputFile) -> TextBuffer {
        var taken = TextBuffer()
        swap(&taken, &buffers[file.rawValue])
        return taken
    }

    mutating func store(_ buffer: TextBuffer, _ file: OutputFile) {
        buffers[file.rawValue] = buffer
    }

    /// The bytes rendered for `file`.
    public func bytes(_ file: OutputFile) -> [UInt8] { buffers[file.rawValue].bytes }

    mutating func replace(_ file: OutputFile, with bytes: [UInt8]) {
        buffers[file.rawValue].bytes = bytes
    }

    mutating func tally(village: Int, members: Int, registeredPoor: Bool) {
        var count = villages[village] ?? VillageCount()
        count.members += members
        count.households += 1
        if registeredPoor { count.registeredPoor += members }
        villages[village] = count
        memberRows += members
    }
}
