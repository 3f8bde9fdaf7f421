/// One vocabulary gap (rule `vocabulary.unknown`): where, how often, examples and the line that
/// fills it. Written to summary.json as `vocabulary_gaps`.
public struct VocabularyGap: Codable, Sendable, Equatable {
    public var source: String
    public var field: String
    public var vocabulary: String
    public var value: String
    public var count: Int
    public var examples: [String]
    public var yaml: String

    public init(source: String, field: String, vocabulary: String, value: String, count: Int, examples: [String], yaml: String) {
        self.source = source
        self.field = field
        self.vocabulary = vocabulary
        self.value = value
        self.count = count
        self.examples = examples
        self.yaml = yaml
    }
}
