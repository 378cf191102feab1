@testable import DubanRuntime
import Foundation
import Testing

@Suite("Background value")
struct BackgroundTests {
    struct Failed: Error, Equatable {}

    /// The value is computed on another thread and handed back; a throw is rethrown to each caller.
    @Test func computesElsewhereAndRethrows() throws {
        let caller = pthread_self()
        let value = Background { () -> Bool in pthread_equal(pthread_self(), caller) == 0 }
        #expect(try value.get() == true)
        #expect(try value.get() == true)
        let failing = Background { () throws -> Int in throw Failed() }
        #expect(throws: Failed()) { try failing.get() }
        #expect(throws: Failed()) { try failing.get() }
    }
}
