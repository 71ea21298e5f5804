// The error codes of the web server (`shishi serve`), beside the code that throws them; the
// type is in ShishiCore (ErrorCode.swift).
public import ShishiCore

extension ErrorCode {
    /// `qr.tooLong`: the text is too long for a QR code.
    public static let qrTooLong = ErrorCode(rawValue: "qr.tooLong")
    /// `qr.loopback`: a 民生码 would lead to the server's own machine, which no phone reaches.
    public static let qrLoopback = ErrorCode(rawValue: "qr.loopback")
}

extension ErrorCode {
    /// `server.accountExists`: an account of that name exists.
    public static let serverAccountExists = ErrorCode(rawValue: "server.accountExists")
    /// `server.badAccountName`: an account name that cannot be used.
    public static let serverBadAccountName = ErrorCode(rawValue: "server.badAccountName")
    /// `server.badPassword`: a password too short or too long.
    public static let serverBadPassword = ErrorCode(rawValue: "server.badPassword")
    /// `server.badLogin`: the name or the password is wrong.
    public static let serverBadLogin = ErrorCode(rawValue: "server.badLogin")
    /// `server.locked`: too many failed logins; wait.
    public static let serverLocked = ErrorCode(rawValue: "server.locked")
    /// `server.forbidden`: the account's role may not do this.
    public static let serverForbidden = ErrorCode(rawValue: "server.forbidden")
    /// `server.csrf`: a form that did not come from this site's own page.
    public static let serverCSRF = ErrorCode(rawValue: "server.csrf")
    /// `server.badRequest`: a request the server cannot read.
    public static let serverBadRequest = ErrorCode(rawValue: "server.badRequest")
    /// `server.tooLarge`: a request body over the upload limit.
    public static let serverTooLarge = ErrorCode(rawValue: "server.tooLarge")
    /// `server.accountsUnreadable`: the accounts file cannot be read.
    public static let serverAccountsUnreadable = ErrorCode(rawValue: "server.accountsUnreadable")
}

extension ErrorCode {
    /// `desk.badCode`: a sign-in code that is unknown, used or expired.
    public static let deskBadCode = ErrorCode(rawValue: "desk.badCode")
    /// `desk.tooManyCodes`: Too many wrong sign-in codes from this booth: paused for 10 minutes.
    public static let deskTooManyCodes = ErrorCode(rawValue: "desk.tooManyCodes")
    /// `desk.codeOutstanding`: the deputy already holds a live sign-in code.
    public static let deskCodeOutstanding = ErrorCode(rawValue: "desk.codeOutstanding")
}
