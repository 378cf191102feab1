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

    {{#commitment}}The commitment "{{commitment}}" your unit made at {{meeting}}{{/commitment}}{{^commitment}}The matter "{{matter_title}}" assigned to your unit{{#assigned}} on {{assigned}}{{/assigned}}{{/commitment}} {{#deadline}}was due on {{deadline}} and {{/deadline}}had not been completed by {{date}}{{#escalation.workdays_overdue}}: it is {{escalation.workdays_overdue}} workdays overdue{{/escalation.workdays_overdue}}. {{#escalation}}Under {{escalation.clause}} of the {{escalation.policy}}, it is hereby placed under supervision.{{/escalation}}

    | Item | Detail |
    |---|---|
    | Matter | {{matter_title}} |
    | Source | {{#source}}{{source}}{{/source}}{{^source}}inspection{{/source}} |
    | Leader's instruction | {{#instruction}}{{instruction}}{{/instruction}}{{^instruction}}none{{/instruction}} |
    | Lead unit | {{unit.name}} |
    | Supporting units | {{#partners}}{{partners}}{{/partners}}{{^partners}}none{{/partners}} |
    | Responsible | {{unit.head_title}} {{unit.head}}{{#unit.contact}} (contact {{unit.contact}}{{#unit.contact_phone}}, {{unit.contact_phone}}{{/unit.contact_phone}}){{/unit.contact}} |
    | Level | {{#level}}{{level}}{{/level}}{{^level}}ordinary{{/level}} |
    | Deadline | {{#deadline}}{{deadline}}{{/deadline}}{{^deadline}}at once{{/deadline}} |
    | Report | in writing {{#reply_by}}by {{reply_by}}{{/reply_by}}{{^reply_by}}within 3 workdays{{/reply_by}}, with before-and-after photographs |

    Assign a responsible leader and officer and complete the rectification without delay. Failure to do so will lead to a public notice of criticism.

    Contact: {{office.contact}}{{#office.contact_phone}}, {{office.contact_phone}}{{/office.contact_phone}}

    --8<--

    ## Receipt

    | Unit | Received by | Date and time | Phone |
    |---|---|---|---|
    | {{unit.name}} | | | |

    Sign for this order on the day it arrives and return this receipt to {{issuer}}.
    """#

    static let interviewNotice = #"""
    # Interview notice

    {{#policy}}Under {{clause}} of the {{policy}}, {{/policy}}it has been decided to interview the head of your unit, {{unit.head}}.

    ## 1. Reason

    {{reason}}.{{#has_unit_matters}} The matters concerned:{{/has_unit_matters}}

    {{#unit_matters}}
    {{n}}. "{{title}}"{{#deadline}}, due {{deadline}}{{/deadline}}{{#workdays_overdue}}, {{workdays_overdue}} workdays overdue{{/workdays_overdue}}.
    {{/unit_matters}}

    ## 2. Time

    {{when}}

    ## 3. Place

    {{place}}

    ## 4. Interviewer

    {{interviewer}}

    ## 5. Interviewed

    {{unit.head_title}} {{unit.head}}, {{unit.name}}

    ## 6. Requirements

    The head attends in person. Bring {{#bring}}{{bring}}{{/bring}}{{^bring}}a written report on the rectification with supporting material{{/bring}}.

    {{#has_ledger}}
    ## 7. Record of the unit

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

    {{#has_unit_matters}}
    These matters of {{unit.name}} are overdue:

    {{#unit_matters}}
    {{n}}. "{{title}}"{{#deadline}}, due {{deadline}}{{/deadline}}{{#workdays_overdue}}, {{workdays_overdue}} workdays overdue on {{date}}{{/workdays_overdue}}.
    {{/unit_matters}}
    {{/has_unit_matters}}
    {{^has_unit_matters}}
    {{unit.name}}: {{#matter_title}}"{{matter_title}}"{{/matter_title}}{{^matter_title}}{{reason}}{{/matter_title}}, not completed by {{date}}.
    {{/has_unit_matters}}

    {{#commitment}}At interview the head committed: "{{commitment}}"; follow-up found this not honoured.{{/commitment}}

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

    {{#escalation}}{{escalation.clause}} of the {{escalation.policy}}.{{/escalation}}{{^escalation}}{{clause}}{{#policy}} of the {{policy}}{{/policy}}.{{/escalation}}

    ## 4. Recommendation

    {{#form}}{{form}}{{/form}}{{^form}}An admonishment of {{unit.head}}, head of {{unit.name}}, and a written self-examination by the unit{{/form}}.
    """#

    static let minutes = #"""
    # Minutes of {{name}}

    On {{time}}, {{chair}} chaired {{name}} at {{place}}.

    ## 1. Findings reported

    {{#findings}}
    ### {{unit}} ({{count}})

    {{#matters}}
    {{n}}. {{title}}{{#deadline}}, due {{deadline}}{{/deadline}}{{#workdays_overdue}}, {{workdays_overdue}} workdays overdue{{/workdays_overdue}}.
    {{/matters}}
    {{/findings}}
    {{^findings}}
    No overdue matters.
    {{/findings}}

    ## 2. Pledges

    {{#events.pledge}}
    {{n}}. {{unit}}: {{commitment_bare}}{{#deadline}} (by {{deadline}}){{/deadline}}.
    {{/events.pledge}}
    {{^events.pledge}}
    No pledges were made.
    {{/events.pledge}}

    {{#silent}}
    {{silent}} made no pledge and shall send one in writing to {{issuer}} within 2 workdays.
    {{/silent}}

    ## 3. Decisions

    {{#events.decide}}
    {{n}}. {{text_sentence}}
    {{/events.decide}}
    {{#events_any.assign}}
    The meeting assigned:

    | Unit | Task | Deadline |
    |---|---|---|
    {{/events_any.assign}}
    {{#events.assign}}
    | {{unit}} | {{task}} | {{deadline}} |
    {{/events.assign}}

    {{issuer}} follows up each decision.

    **Present:** {{present_people}}

    {{#events_any.absent}}
    **Absent:** {{#events.absent}}{{unit_person}} ({{reason}}){{^last()}}; {{/last()}}{{/events.absent}}
    {{/events_any.absent}}

    {{#nonvoting_people}}
    **In attendance:** {{nonvoting_people}}
    {{/nonvoting_people}}
    """#

    static let notice = #"""
    # Notice of findings{{#subject}}: {{subject}}{{/subject}}

    {{#summary}}{{summary}}{{/summary}}{{^summary}}{{issuer}} has reviewed the progress of the responsible units. The findings are:{{/summary}}

    {{#findings}}
    ## {{n}}. {{unit}} ({{count}})

    {{#matters}}
    {{n}}. {{title}}{{#deadline}}, due {{deadline}}{{/deadline}}{{#workdays_overdue}}, {{workdays_overdue}} workdays overdue{{/workdays_overdue}}.
    {{/matters}}
    {{/findings}}
    {{^findings}}
    No overdue matters were found.
    {{/findings}}
    """#

    static let criticismNotice = #"""
    # Notice of criticism: {{unit.name}}

    {{#commitment}}At {{meeting}}, {{unit.name}} committed to "{{commitment}}"{{#deadline}} by {{deadline}}{{/deadline}}.{{/commitment}}{{^commitment}}{{issuer}} assigned "{{matter_title}}" to {{unit.name}}{{#assigned}} on {{assigned}}{{/assigned}}{{#deadline}}, due {{deadline}}{{/deadline}}.{{/commitment}} After supervision it remained unfinished on {{date}}{{#escalation.workdays_overdue}}, {{escalation.workdays_overdue}} workdays overdue{{/escalation.workdays_overdue}}.

    {{#escalation}}Under {{escalation.clause}} of the {{escalation.policy}}, {{/escalation}}{{unit.name}} is publicly criticised and shall explain in writing to {{issuer}} within 3 workdays. Every unit is to take note.
    """#

    static let monthlyCircular = #"""
    # Monthly circular: {{period}}

    ## 1. Ranking

    As at {{period_end}}. Units that stand equal share a rank; a unit with nothing due is not ranked (—).

    | Rank | Unit | Due | On time | Late | Open | Rate | Late reports |
    |---|---|---|---|---|---|---|---|
    {{#ranking}}
    | {{rank}} | {{unit}} | {{due}} | {{closed}} | {{late}} | {{overdue}} | {{rate}} | {{late_reports}} |
    {{/ranking}}

    ## 2. Findings

    {{#findings}}
    ### {{unit}} ({{count}} open)

    {{#matters}}
    {{n}}. {{title}}{{#deadline}}, due {{deadline}}{{/deadline}}{{#workdays_overdue}}, {{workdays_overdue}} workdays overdue on {{period_end}}{{/workdays_overdue}}.
    {{/matters}}
    {{/findings}}
    {{^findings}}
    Every matter due in {{period}} was completed.
    {{/findings}}

    {{#has_registered}}
    ### Registered outstanding

    These matters cannot be completed in time for reasons the office accepted; they are not counted as overdue and are reviewed on their dates:

    {{#registered}}
    {{n}}. {{unit}}: {{title}}. Reason: {{because}}; plan: {{plan}}; review on {{review}}.
    {{/registered}}
    {{/has_registered}}
    """#
}
