import Logging

/// swift-log's `StreamLogHandler`, with the logger's metadata kept as given and put into words
/// only when a message is written. `StreamLogHandler` formats its metadata every time it is set,
/// and the server sets a request id on every request's logger: under load that formatting, for
/// messages that are almost never written, cost a few percent of the server's time.
struct DeferredMetadataLogHandler: LogHandler {
    private var stream: StreamLogHandler

    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    /// A handler writing to standard error, as `StreamLogHandler.standardError(label:)` does.
    init(standardErrorLabel label: String) {
        stream = StreamLogHandler.standardError(label: label)
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { $1 } }
        if let explicit = event.metadata { all.merge(explicit) { $1 } }
        event.metadata = all
        stream.log(event: event)
    }
}
