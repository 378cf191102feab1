/// The shipped message templates: the one list of their names. A workflow
/// names one in `notify:` and `remind:`; a `templates/NAME.txt.mustache`
/// file beside the workflows overrides one or adds another.
public enum MessageTemplate: String, Sendable, Hashable, CaseIterable {
    case assignment
    case reminder
    case meetingNotice = "meeting-notice"
    case supervisionOrderIssued = "supervision-order-issued"
    case criticism
    case interviewNoticeIssued = "interview-notice-issued"
    /// To the office: an interview waits for its time, place and interviewer.
    case interviewToSchedule = "interview-to-schedule"
    case reportRequest = "report-request"
    /// To the office: a matter registered outstanding (挂账) is due for review.
    case registeredReview = "registered-review"
    /// To a head ranked at the bottom: a spoken self-criticism at the monthly meeting (口头检查).
    case selfCriticismSpoken = "self-criticism-spoken"
    /// To a head ranked at the bottom again: a written self-criticism (书面检查).
    case selfCriticismWritten = "self-criticism-written"
    case escalation
}
