/// shishi's version, named once: the command line's `--version`, the servers' `/health` answer
/// and the Debian package (`scripts/package-deb.sh` asks the binary) all read it here.
public enum ShishiVersion {
    /// The version, as `MAJOR.MINOR.PATCH`.
    public static let string = "0.1.0"
}
