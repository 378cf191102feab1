import CCurl
import Foundation

/// One libcurl easy handle and the strings it was given, which libcurl may
/// read until the transfer ends: freed together when the handle goes.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    private var strings: [UnsafeMutablePointer<CChar>] = []

    init?() {
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
    }

    deinit {
        curl_easy_cleanup(handle)
        strings.forEach { free($0) }
    }

    func set(_ option: CURLoption, _ value: String) {
        let copy = strdup(value)!
        strings.append(copy)
        _ = duban_curl_set_string(handle, option, copy)
    }

    func set(_ option: CURLoption, _ value: Int) {
        _ = duban_curl_set_long(handle, option, value)
    }

    /// The connect and total timeouts, and no signals (a worker thread runs it).
    func bound(seconds: Double) {
        set(CURLOPT_CONNECTTIMEOUT_MS, Int(seconds * 1000))
        set(CURLOPT_TIMEOUT_MS, Int(seconds * 1000))
        set(CURLOPT_NOSIGNAL, 1)
    }
}
