public import Foundation
public import ShishiBallot
public import ShishiCore
public import ShishiTally
import Synchronization

/// The voting hall a server runs: one vote folder, its registrar (whose keys sit with the
/// server, because it signs blind at sign-in), the desk's one-time codes and the figures the
/// big screen shows. Every change goes through the same library calls as the command line.
public final class Hall: Sendable {
    /// The secretariat's key, when the server was started with it: it closes the box.
    public let secretariatKey: PrivateKey?
    /// The registrar's signing key (a later round keeps it; its blind-signing key is fresh).
    public let registrarKey: PrivateKey
    /// The previous round's result, for a later round (its count names it).
    public let previous: TallyResult?
    /// The public board of this round.
    public let board: Board
    /// The count running now, if any: ballots checked of the total.
    private let counting = Mutex<(done: Int, total: Int)?>(nil)
    /// Why the last count started from the page could not finish.
    private let countFailure = Mutex<Text?>(nil)

    /// The vote.
    public let vote: Vote
    /// The registrar, with its keys.
    public let registrar: Registrar
    /// The desk's one-time sign-in codes.
    public let codes = SignInCodes()
    /// The box, as the booths cast into it.
    public let intake: BallotIntake

    /// Opens the hall of `vote` with the registrar's keys.
    public init(
        vote: Vote, registrarKey: PrivateKey, blindKey: BlindPrivateKey?, secretariatKey: PrivateKey? = nil, previous: TallyResult? = nil,
        stateFolder: URL
    ) throws {
        self.vote = vote
        self.secretariatKey = secretariatKey
        self.registrarKey = registrarKey
        self.previous = previous
        board = Board(vote: vote, stateFolder: stateFolder)
        registrar = try Registrar(vote: vote, signingKey: registrarKey, blindKey: blindKey)
        intake = BallotIntake(vote: vote)
    }

    /// What the desk gave a deputy.
    public enum SignedIn: Sendable, Equatable {
        /// A one-time code for a booth, which makes the credential on the deputy's device.
        case code(String)
        /// A paper ballot, or admission to a recorded vote.
        case admitted(SignInDesk.Admission)
    }

    /// Signs `deputy` in at the desk: a paper ballot, an admission to a recorded vote, or (in a
    /// secret vote) a one-time code that a booth redeems for its credential. The registrar's own
    /// refusals apply (not on the roster, already signed in, sealed), and a deputy holding a
    /// live code gets no second one.
    public func signIn(_ deputy: String, paper: Bool) throws -> SignedIn {
        if let admission = try SignInDesk(registrar: registrar).admitWithoutCredential(deputy, paper: paper) {
            return .admitted(admission)
        }
        try registrar.requireEligible(deputy)
        return .code(try codes.issue(for: deputy, name: vote.roster[deputy]?.name ?? deputy))
    }

    /// A booth's credential request, made on the deputy's device with the code the desk gave:
    /// the code is used up and the registrar signs blind, logging that the deputy received a credential.
    public func redeem(code: String, blindedMessage: Data, from address: String = "unknown") async throws -> CredentialGrant {
        let deputy = try codes.redeem(code, from: address)
        return try await registrar.issueInBatch(CredentialRequest(vote: vote.hash, deputy: deputy, blindedMessage: blindedMessage))
    }

    /// What the big screen and the desk show: nothing about how anyone voted.
    public struct Figures: Sendable, Codable, Equatable {
        /// Deputies on the roster.
        public var deputies: Int
        /// Deputies signed in.
        public var present: Int
        /// The number present must exceed.
        public var quorumFigure: String
        /// Whether it does.
        public var quorumMet: Bool
        /// Electronic credentials (or recorded admissions) issued.
        public var credentials: Int
        /// Paper ballots issued.
        public var paper: Int
        /// Electronic ballots in the box.
        public var cast: Int
        /// Whether sign-in is sealed.
        public var sealed: Bool
        /// Whether the secretariat has closed the box.
        public var closed: Bool
        /// Whether the round has been counted (a result is published).
        public var counted: Bool
        /// The count in progress: percent done, or `nil` when no count runs.
        public var counting: Int?
        /// The round.
        public var round: Int
        /// The round's phase (``RoundPhase``, by its number).
        public var phase: RoundPhase
    }

    /// The figures now, read from the folder (so that sign-ins made by the command line count too).
    public func figures() throws -> Figures {
        let presence = try registrar.currentPresence()
        let credentials = presence.values.filter { !$0.isPaper }.count
        let attendance = Attendance(deputies: vote.roster.count, present: presence.count, quorum: vote.manifest.rules.quorum)
        return Figures(
            deputies: vote.roster.count, present: presence.count, quorumFigure: attendance.quorumFigure, quorumMet: attendance.quorumMet,
            credentials: credentials, paper: presence.count - credentials, cast: try BallotBox(vote: vote).count(),
            sealed: registrar.isSealed, closed: vote.folder.isClosed, counted: ResultFile(vote: vote).exists,
            counting: counting.withLock { $0.map { $0.total == 0 ? 0 : min(99, $0.done * 100 / $0.total) } }, round: vote.manifest.round,
            phase: vote.folder.phase
        )
    }

    /// Closes the box with the secretariat's key the server was started with.
    @discardableResult
    public func close(now: Date = Date()) throws -> BoxClose.Loaded {
        guard let secretariatKey else {
            throw ShishiError(
                .boxWrongKey, zh: "服务器启动时没有给出秘书处密钥（--secretariat-key）：请在命令行封箱（shishi box close），或带密钥重启服务器。",
                en:
                    "The server was started without the secretariat's key (--secretariat-key): close the box at the command line (shishi box close), or restart the server with the key."
            )
        }
        return try BoxClose.close(vote, secretariat: secretariatKey, now: now)
    }

    /// A close record signed elsewhere (the secretariat's browser, with a key file that never
    /// leaves it), written if the box still holds what it names.
    @discardableResult
    public func close(signed envelope: SignedEnvelope) throws -> BoxClose.Loaded {
        try BoxClose.submit(envelope, for: vote)
    }

    /// Starts the count in the background (``Publication/publish(previous:noticeNumber:language:now:logger:progress:)``,
    /// the call `shishi tally` makes): its progress shows in ``figures()``, a failure in
    /// ``lastCountFailure``. Refused while a count runs, before sign-in is sealed, and when the
    /// round has been counted.
    ///
    /// The hall counts only a closed box, so that no ballot can arrive while the count runs or after
    /// it (``RoundPhase``): with `closingFirst` (the count room's 封箱并计票, confirmed) an open box
    /// is closed with the server's secretariat key in the same step, the close record written
    /// before the count starts; without it, or without the key, an open box is refused.
    public func startCount(language: Language, closingFirst: Bool = false) throws {
        guard registrar.isSealed else {
            throw ShishiError(
                .tallyCannotCount, zh: "签到尚未封存：请先在签到台封存签到，再计票。", en: "Sign-in is not sealed yet: seal sign-in at the desk first, then count.")
        }
        guard !ResultFile(vote: vote).exists else {
            throw ShishiError(.resultExists, zh: "本轮已经计过票。", en: "This round has already been counted.")
        }
        if !vote.folder.isClosed {
            guard closingFirst, secretariatKey != nil else {
                throw RoundPhase.signInSealed.refusal(Text("未封箱就计票", "Counting an open box"))
            }
            try close()
        }
        let started = counting.withLock { state -> Bool in
            guard state == nil else { return false }
            state = (0, 0)
            return true
        }
        guard started else {
            throw ShishiError(.tallyCannotCount, zh: "计票正在进行。", en: "The count is already running.")
        }
        countFailure.withLock { $0 = nil }
        let vote = self.vote
        let previous = self.previous
        let thread = Thread { [self] in
            do {
                _ = try Publication(vote: vote).publish(previous: previous, language: language, now: Date()) { done, total in
                    self.counting.withLock { $0 = (done, total) }
                }
            } catch let error as ShishiError {
                countFailure.withLock { $0 = error.message }
            } catch {
                countFailure.withLock { $0 = Text("计票失败：\(error)", "The count failed: \(error)") }
            }
            counting.withLock { $0 = nil }
        }
        thread.stackSize = 8 << 20  // the count's workers recurse little, but a tally is no place to run short
        thread.start()
    }

    /// Why the last count started from the page did not finish, if it did not.
    public var lastCountFailure: Text? { countFailure.withLock { $0 } }

    /// Adds a scrutineer's countersignature made in the browser, after a recount
    /// (``ResultFile/countersign(adding:previous:)``, as `shishi result sign` does).
    public func countersign(_ signature: Signature) throws -> [String] {
        try ResultFile(vote: vote).countersign(adding: signature, previous: previous)
    }

    /// A paper box entered in the browser, checked and ready for the counter's signature: the
    /// rows of the entry sheet (`csv`, the same CSV as `shishi paper enter` reads).
    public func preparePaper(box: Int, issued: Int, takenOut: Int, csv: Data, counter fingerprint: String) throws -> SignedEnvelope {
        let entry = PaperEntry(vote: vote)
        let source = "box-\(box).csv"
        return try entry.prepare(
            box: box, ballots: entry.ballots(csv: csv, source: source), source: source, sourceHash: vote.manifest.hash.digest(csv), issued: issued,
            takenOut: takenOut, counter: fingerprint, now: Date())
    }

    /// Writes a paper batch the counter signed in the browser, with its entry sheet.
    public func submitPaper(_ envelope: SignedEnvelope, sheet: Data) throws -> PaperBatch {
        let signed = try envelope.decodePayload(PaperBatch.self, expecting: PaperBatch.payloadType, source: "box")
        guard vote.manifest.hash.digest(sheet) == signed.source else {
            throw ShishiError(.paperCountMismatch, zh: "录入表与签名的票箱记录不符。", en: "The entry sheet does not match the signed batch.")
        }
        return try PaperEntry(vote: vote).submit(envelope, sheet: sheet)
    }

    /// The paper boxes entered so far: number, ballots taken out, and who has countersigned.
    public func paperBoxes() -> [(box: Int, takenOut: Int, scrutineers: [String])] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: vote.folder.paperURL.path)) ?? []
        let entry = PaperEntry(vote: vote)
        return names.compactMap { name -> (Int, Int, [String])? in
            guard name.hasPrefix("box-"), name.hasSuffix(".json"), let number = Int(name.dropFirst(4).dropLast(5)),
                let envelope = try? SignedEnvelope.read(from: vote.folder.paperBatchURL(box: number)),
                let (batch, scrutineers) = try? entry.verify(envelope, source: name)
            else { return nil }
            return (number, batch.takenOut, scrutineers)
        }.sorted { $0.0 < $1.0 }
    }

    /// The published result and who has countersigned it, once the round is counted.
    public func published() throws -> (result: TallyResult, signers: [String])? {
        let file = ResultFile(vote: vote)
        guard file.exists else { return nil }
        let (envelope, result) = try file.read()
        return (result, file.signers(envelope).names)
    }
}
