internal import COpenSSL

/// Reads and clears the calling thread's OpenSSL error queue as one line.
func openSSLErrorLine() -> String {
    var parts: [String] = []
    while true {
        let code = ERR_get_error()
        if code == 0 { break }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        parts.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    return parts.isEmpty ? "no detail from OpenSSL" : parts.joined(separator: "; ")
}

func openSSLFailure(_ what: String) -> ShishiError {
    ShishiError(
        .cryptoOpenssl,
        zh: "OpenSSL 在\(what)时出错：\(openSSLErrorLine())。请确认系统 OpenSSL 为 3.x 且支持 SM2/SM3（apt-get install libssl-dev）。",
        en: "OpenSSL failed to \(what): \(openSSLErrorLine()). Check that the system OpenSSL is 3.x with SM2/SM3 (apt-get install libssl-dev)."
    )
}
