import Foundation
import FivefoldModel
import FivefoldCheck
import FivefoldLedger
import FivefoldReport

extension Assembler {
    /// The findings and worklist items of the duplicate rules, the corrections of the member
    /// rows they move, and the rows moved, in bucket order.
    struct Duplicates {
        var findings: [FindingRow] = []
        var items: [WorklistWriter.Item] = []
        var moves: [Correction] = []
        var moved: [IdentityRow] = []
    }

    /// Where an identity key was read: the part folder and the partition.
    struct KeyOrigin: Hashable {
        var part: Int
        var partition: Int
    }

    typealias Candidate = (origin: KeyOrigin, key: IdentityBatch.Key)

    /// Duplicates across every partition and shard (`duplicate.person`, `duplicate.household`).
    ///
    /// Three steps: the identity keys of each ID bucket are grouped by ID number and only the
    /// groups of two or more are kept (a handful in a province); the households those name are
    /// read from each partition once; then the duplicate rules judge each bucket's rows as
    /// received and as corrected. Buckets are independent and run `jobs` at a time.
    func duplicates(_ parts: [PartFiles], worklist: WorklistWriter) throws -> Duplicates {
        let keyFiles = try Self.identityKeyFiles(parts)
        let buckets = Array(0..<PartFiles.idBuckets)
        let candidates = try Parallel.map(buckets, jobs: jobs) { try Self.candidates(bucket: $0, keyFiles: keyFiles) }
        let households = try self.households(namedBy: candidates, parts: parts)
        let memberMoves = try MemberMoves.load(config: config, inputFolder: inputFolder, normalizer: normalizer, ids: Self.duplicatedMemberIDs(candidates))
        let judged = try Parallel.map(buckets, jobs: jobs) { bucket in
            let rows = candidates[bucket].map { c in (key: c.key, row: IdentityBatch.row(c.key, households[c.origin]![c.key.household]!)) }
            return self.judge(bucket: bucket, rows: rows, memberMoves: memberMoves, worklist: worklist)
        }
        return Duplicates(
            findings: judged.flatMap(\.findings), items: judged.flatMap(\.items), moves: judged.flatMap(\.moves), moved: judged.flatMap(\.moved))
    }

    /// The identity key file of every partition of every part folder.
    static func identityKeyFiles(_ parts: [PartFiles]) throws -> [(origin: KeyOrigin, path: String)] {
        var keyFiles: [(origin: KeyOrigin, path: String)] = []
        for (k, part) in parts.enumerated() {
            for name in try part.files("ids-", suffix: ".bin") {
                guard let p = Int(name.dropFirst(4).dropLast(4)) else { continue }
                keyFiles.append((KeyOrigin(part: k, partition: p), part.folder + "/" + name))
            }
        }
        return keyFiles
    }

    /// Step 1: the keys of a bucket whose ID number occurs more than once in it (as received or
    /// as corrected).
    static func candidates(bucket: Int, keyFiles: [(origin: KeyOrigin, path: String)]) throws -> [Candidate] {
        var keys: [Candidate] = []
        for (origin, path) in keyFiles {
            for key in try IdentityFiles.keys(path: path, bucket: bucket) { keys.append((origin, key)) }
        }
        var received: [UInt64: Int] = [:], corrected: [UInt64: Int] = [:]
        func slot(_ role: IdentityRow.Role, _ id: UInt64) -> UInt64 { role == .head ? id | 1 << 63 : id }
        for (_, key) in keys {
            if key.received != 0, IdentityBatch.bucket(key.received) == bucket { received[slot(key.role, key.received), default: 0] += 1 }
            if key.corrected != 0, IdentityBatch.bucket(key.corrected) == bucket { corrected[slot(key.role, key.corrected), default: 0] += 1 }
        }
        // A head whose ID number is a duplicated member's comes along: a move never takes a head out.
        return keys.filter { _, key in
            (received[slot(key.role, key.received)] ?? 0) > 1 || (corrected[slot(key.role, key.corrected)] ?? 0) > 1
                || (key.role == .head && (corrected[key.corrected] ?? 0) > 1)
        }
    }

    /// Step 2: the households the candidates name, each partition's file read once.
    func households(namedBy candidates: [[Candidate]], parts: [PartFiles]) throws -> [KeyOrigin: [UInt32: IdentityBatch.Household]] {
        var wanted: [KeyOrigin: Set<UInt32>] = [:]
        for bucket in candidates {
            for (origin, key) in bucket { wanted[origin, default: []].insert(key.household) }
        }
        let origins = Array(wanted.keys)
        let wantedHouseholds = wanted
        let found = try Parallel.map(origins, jobs: jobs) { origin in
            try IdentityFiles.households(path: parts[origin.part].folder + "/idhouses-\(origin.partition).bin", wanted: wantedHouseholds[origin]!)
        }
        return Dictionary(uniqueKeysWithValues: zip(origins, found))
    }

    /// The ID numbers of the duplicated members (as corrected): the people the registry may place.
    static func duplicatedMemberIDs(_ candidates: [[Candidate]]) -> Set<String> {
        var ids = Set<String>()
        for bucket in candidates {
            for (_, key) in bucket where key.role == .member && key.corrected != 0 { ids.insert(PackedID.unpack(key.corrected)) }
        }
        return ids
    }

    /// Step 3: the duplicate rules on one bucket's rows; a person the registry places in one of
    /// their households moves there.
    func judge(bucket: Int, rows keyed: [(key: IdentityBatch.Key, row: IdentityRow)], memberMoves: MemberMoves, worklist: WorklistWriter) -> Duplicates {
        // Each side judges the rows whose ID number of that side falls in this bucket.
        func inBucket(_ id: UInt64) -> Bool { id != 0 && IdentityBatch.bucket(id) == bucket }
        var received = FindingSink(config: config)
        DuplicateRules.check(keyed.filter { inBucket($0.key.received) }.map(\.row), corrected: false, sink: &received)
        let (moves, refused) = memberMoves.moves(keyed.filter { inBucket($0.key.corrected) }.map(\.row))
        let movedOut = Set(moves.map { $0.row.householdID + "\u{1f}" + $0.row.correctedID })
        var corrected = FindingSink(config: config)
        DuplicateRules.check(
            keyed.filter { inBucket($0.key.corrected) && !movedOut.contains($0.row.householdID + "\u{1f}" + $0.row.correctedID) }.map(\.row),
            corrected: true, sink: &corrected)
        var receivedFindings = received.findings
        let corrections = Self.record(moves, policy: memberMoves.policy, in: &receivedFindings)
        for i in receivedFindings.indices where receivedFindings[i].rule == RuleID.duplicatePerson.rawValue {
            if let reason = refused[receivedFindings[i].memberID] { receivedFindings[i].message += "；未自动处理：\(reason)，请入户核实" }
        }
        var found = signed.annotated(CaseEvaluator.reconcile(received: receivedFindings, remaining: corrected.findings))
        Self.flagSourcesStillListing(moves, in: &found)
        var directory: [String: HouseholdDirectory.Entry] = [:]
        for (_, r) in keyed { directory[r.householdID] = r.entry }
        var out = Duplicates(moves: corrections, moved: moves.map(\.row))
        for f in found {
            out.findings.append(FindingRow(f))
            if let item = worklist.item(f, entry: directory[f.householdID]) { out.items.append(item) }
        }
        return out
    }

    /// A move corrects the system, but the archive, wall card or interview of the household the
    /// person left may still list them: that finding stays on the worklist and names them.
    static func flagSourcesStillListing(_ moves: [MemberMoves.Move], in findings: inout [Finding]) {
        for move in moves {
            let sources = IdentityBatch.ListedBy.decode(move.row.listedBy)
            guard !sources.isEmpty else { continue }
            for i in findings.indices where findings[i].rule == RuleID.duplicatePerson.rawValue && findings[i].householdID == move.row.householdID
                && findings[i].memberID == move.row.receivedID
            {
                findings[i].action = .worklist
                findings[i].message += "；户\(move.row.householdID)的\(sources.map(\.chineseLabel).joined(separator: "、"))仍列有此人，需更正"
            }
        }
    }

    /// The corrections of a bucket's moves (`member_row` = `moved`), each filed under the
    /// `duplicate.person` finding of the household the row leaves; those findings say so.
    static func record(_ moves: [MemberMoves.Move], policy: MemberRowPolicy.DuplicatePerson, in findings: inout [Finding]) -> [Correction] {
        var corrections: [Correction] = []
        for move in moves {
            let r = move.row
            let others = move.households.filter { $0 != move.keptIn }
            for i in findings.indices where findings[i].rule == RuleID.duplicatePerson.rawValue && (findings[i].memberID == r.receivedID || findings[i].memberID == r.correctedID) {
                let note = "；户籍登记在户\(move.keptIn)：仅保留在该户，已从户\(others.joined(separator: "、"))移除"
                if !findings[i].message.hasSuffix(note) { findings[i].message += note }
            }
            let finding = findings.first { $0.rule == RuleID.duplicatePerson.rawValue && $0.householdID == r.householdID && $0.memberID == r.receivedID }
            corrections.append(Correction(
                findingID: finding?.id ?? "", householdID: r.householdID, memberID: MemberMoves.key(r), field: MemberRowPolicy.field,
                oldValue: "present", newValue: "moved",
                evidence: "hukou=户\(move.keptIn);system=户\(move.households.joined(separator: "、户"))",
                policy: "members.duplicate_person:authoritative=\(policy.authoritative.map(\.rawValue).joined(separator: ","));kept_in=\(move.keptIn)"))
        }
        return corrections
    }
}
