// The error codes of `shishi bench`, beside the code that throws them.
import ShishiCore

extension ErrorCode {
    /// `bench.tallyFailed`: The tally child process failed (status …).
    static let benchTallyFailed = ErrorCode(rawValue: "bench.tallyFailed")
    /// `bench.serverFailed`: The hall server under load did not start, or answered wrongly.
    static let benchServerFailed = ErrorCode(rawValue: "bench.serverFailed")
}
