import FivefoldModel

// Input that cannot be read at all (a missing file, a corrupt gzip stream, a malformed CSV
// header, an XML well-formedness error) ends reading that file with one message that names the
// place. Problems confined to a row are not errors: they become quarantined rows.

/// A problem that stops reading an input file, with the place it happened.
///
/// Its description reads `file:line:column: message`, or just the message when no place is known.
public struct IngestError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Where the problem is, when known.
    public var location: SourceLocation?
    /// What went wrong, in a short sentence without trailing punctuation.
    public var message: String

    /// Creates an error at an optional place.
    public init(location: SourceLocation? = nil, message: String) {
        self.location = location
        self.message = message
    }

    /// Creates an error about a whole file (no line known).
    init(file: String, _ message: String) {
        self.location = nil
        self.message = "\(file): \(message)"
    }

    /// `file:line:column: message`.
    public var description: String {
        if let location { return "\(location): \(message)" }
        return message
    }
}
