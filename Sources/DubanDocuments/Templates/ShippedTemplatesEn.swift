/// The shipped English templates, for offices that issue in English (and for
/// readers of this code). Same variables as the Chinese set.
enum ShippedTemplatesEn {
    static let all: [String: String] = [
        "supervision-order": supervisionOrder, "interview-notice": interviewNotice,
        "accountability-referral": accountabilityReferral, "minutes": minutes,
        "notice": notice, "criticism-notice": criticismNotice, "monthly-circular": monthlyCircular,
    ]

    static let supervisionOrder = #"""
    # Supervision order: {{unit.name}} to complete rectification

    {{#problem}}The matter "{{problem}}" ({{workflow.title}} no. {{instance}}) assigned to your unit {{/problem}}{{#deadline}}was due on {{deadline}} and {{/deadline}}had not been completed by {{date}}{{#escalation}}: it is {{escalation.workdays_overdue}} workdays overdue{{/escalation}}. {{#escalation}}Under {{escalation.clause}} of the {{escalation.policy}}, it is hereby placed under supervision.{{/escalation}}

    Your unit is required to:

    1. {{#action}}{{action}}{{/action}}{{^action}}Assign a responsible leader and officer and complete the rectification without delay.{{/action}}
    2. Report the rectification in writing to {{issuer}} {{#reply_by}}by {{reply_by}}{{/reply_by}}{{^reply_by}}within 3 workdays{{/reply_by}}.

    Failure to complete the rectification will lead to a public notice of criticism.
    """#

    static let interviewNotice = #"""
    # Interview notice

    It has been decided to interview the head of your unit{{#unit.head}}, {{unit.head}}{{/unit.head}}.

    ## 1. Reason

    {{reason}}{{#clause}}. Under {{clause}}{{#policy}} of the {{policy}}{{/policy}}{{/clause}}.

    ## 2. Time and place

    Time: {{#when}}{{when}}{{/when}}{{^when}}to be notified{{/when}}

    Place: {{#place}}{{place}}{{/place}}{{^place}}to be notified{{/place}}

    ## 3. Interviewer

    {{#interviewer}}{{interviewer}}{{/interviewer}}{{^interviewer}}{{office.name}}{{/interviewer}}

    ## 4. Requirements

    The head attends in person. Bring {{#bring}}{{bring}}{{/bring}}{{^bring}}a written report on the rectification with supporting material{{/bring}}.

    {{#has_ledger}}
    ## 5. Record of the unit

    | Date | Entry | Clause |
    |---|---|---|
    {{#ledger}}
    | {{date}} | {{kind_title}} | {{clause}} |
    {{/ledger}}
    {{/has_ledger}}
    """#

    static let accountabilityReferral = #"""
    # Referral for accountability: {{unit.name}}

    ## 1. Facts

    {{#problem}}The matter "{{problem}}" assigned to {{unit.name}} {{#deadline}}was due on {{deadline}}; {{/deadline}}{{/problem}}{{#reason}}{{reason}}; {{/reason}}it had not been completed by {{date}}{{#escalation}}, {{escalation.workdays_overdue}} workdays overdue{{/escalation}}.{{#commitment}} At interview the head committed: "{{commitment}}"; follow-up found this not honoured.{{/commitment}}

    ## 2. Record

    {{#has_ledger}}
    | Date | Entry | Clause |
    |---|---|---|
    {{#ledger}}
    | {{date}} | {{kind_title}} | {{clause}} |
    {{/ledger}}
    {{/has_ledger}}
    {{^has_ledger}}
    No earlier entries.
    {{/has_ledger}}

    ## 3. Clause applied

    {{#escalation}}{{escalation.clause}} of the {{escalation.policy}}.{{/escalation}}{{^escalation}}{{clause}}{{/escalation}}

    ## 4. Recommendation

    {{#form}}{{form}}{{/form}}{{^form}}An admonishment interview for the head of {{unit.name}}, and a written self-examination by the unit{{/form}}.
    """#

    static let minutes = #"""
    # Minutes of {{name}}

    On {{time}}, {{chair}} chaired {{name}}{{#session}} (no. {{session}}){{/session}} at {{place}}.

    ## 1. Attendance

    Present: {{present}}

    {{#events.absent}}{{#first()}}Absent: {{/first()}}{{unit}} ({{reason}}){{^last()}}; {{/last()}}{{/events.absent}}

    {{#nonvoting}}
    In attendance without a vote: {{nonvoting}}
    {{/nonvoting}}

    ## 2. Findings reported

    {{#findings}}
    ### {{unit}} ({{count}})

    {{#matters}}
    - {{title}}, {{state}}{{#deadline}}, due {{deadline}}{{/deadline}}{{#workdays_overdue}}, {{workdays_overdue}} workdays overdue{{/workdays_overdue}}
    {{/matters}}
    {{/findings}}
    {{^findings}}
    No overdue matters.
    {{/findings}}

    ## 3. Pledges

    {{#events.pledge}}
    - {{unit}}: {{commitment}}{{#deadline}} (by {{deadline}}){{/deadline}}
    {{/events.pledge}}
    {{#silent}}

    No pledge: {{silent}}
    {{/silent}}

    ## 4. Decisions

    {{#events.decide}}
    - {{text}}
    {{/events.decide}}

    {{#events.assign}}
    ## 5. Matters assigned

    | Unit | Task | Deadline |
    |---|---|---|
    {{#events.assign}}
    | {{unit}} | {{task}} | {{deadline}} |
    {{/events.assign}}
    {{/events.assign}}
    """#

    static let notice = #"""
    # Notice of findings{{#subject}}: {{subject}}{{/subject}}

    {{#summary}}{{summary}}{{/summary}}{{^summary}}{{issuer}} has reviewed the progress of the responsible units. The findings are:{{/summary}}

    {{#findings}}
    ## {{unit}} ({{count}})

    {{#matters}}
    - {{title}}, {{state}}{{#deadline}}, due {{deadline}}{{/deadline}}{{#workdays_overdue}}, {{workdays_overdue}} workdays overdue{{/workdays_overdue}}
    {{/matters}}
    {{/findings}}
    {{^findings}}
    No overdue matters were found.
    {{/findings}}
    """#

    static let criticismNotice = #"""
    # Notice of criticism: {{unit.name}}

    {{#problem}}The matter "{{problem}}" assigned to {{unit.name}} {{#deadline}}was due on {{deadline}} and {{/deadline}}{{/problem}}remains unfinished after supervision{{#escalation}}, {{escalation.workdays_overdue}} workdays overdue{{/escalation}}.

    {{#escalation}}Under {{escalation.clause}} of the {{escalation.policy}}, {{/escalation}}{{unit.name}} is publicly criticised and shall explain in writing to {{issuer}} within 3 workdays.
    """#

    static let monthlyCircular = #"""
    # Monthly circular{{#period}}: {{period}}{{/period}}

    ## 1. Ranking

    | Rank | Unit | Due | Closed | Rate | Overdue | Late reports |
    |---|---|---|---|---|---|---|
    {{#ranking}}
    | {{rank}} | {{unit}} | {{due}} | {{closed}} | {{rate}} | {{overdue}} | {{late_reports}} |
    {{/ranking}}

    ## 2. Findings

    {{#findings}}
    ### {{unit}} ({{count}} overdue)

    {{#matters}}
    - {{title}}{{#workdays_overdue}}, {{workdays_overdue}} workdays overdue{{/workdays_overdue}}
    {{/matters}}
    {{/findings}}
    """#
}
