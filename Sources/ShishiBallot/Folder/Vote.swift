public import ShishiCore

/// A vote folder opened and checked: its manifest, its hash and its roster.
public struct Vote: Sendable {
    /// The folder.
    public let folder: VoteFolder
    /// The signed manifest.
    public let signed: SignedManifest
    /// The roster.
    public let roster: Roster

    /// Puts together a vote whose manifest signature and roster hash have been checked.
    init(folder: VoteFolder, signed: SignedManifest, roster: Roster) throws {
        guard roster.count == signed.manifest.roster.deputies else {
            throw ShishiError(.voteRosterAltered, zh: "代表人数与 manifest.json 不符。", en: "The number of deputies does not match manifest.json.")
        }
        self.folder = folder
        self.signed = signed
        self.roster = roster
    }

    /// The manifest.
    public var manifest: VoteManifest { signed.manifest }
    /// The manifest's hash: the vote's identity.
    public var hash: HashValue { signed.hash }
}
