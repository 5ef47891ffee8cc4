/// `w`: the template a release is drafted from.
public struct TemplateForm: FormFields {
    public var incidentID: IncidentID
    public var template: FormField

    public var order: [WritableKeyPath<Self, FormField>] { [\.template] }

    /// Enter drafts the holding statement, `f` the full release.
    func operation(holding: Bool) -> Operation {
        .draftRelease(incidentID: incidentID, templateID: template.value, holding: holding)
    }
}

/// `c` on a release in review: legal's note on the revision it clears.
public struct ClearReleaseForm: FormFields {
    public var releaseID: ReleaseID
    public var note = FormField.text("Note")

    public var order: [WritableKeyPath<Self, FormField>] { [\.note] }

    func operation() -> Operation { .clearRelease(releaseID, note: note.trimmed) }
}

/// `t`: the time and, for an approved release, the channels; a reschedule (on the schedule view) moves every
/// waiting post and asks for the time only.
public struct ScheduleForm: FormFields {
    public var releaseID: ReleaseID
    public var time = FormField.text("Time", "+0m")
    public var channels = FormField.checklist("Channels", options: [], values: [], checked: [])
    public var reschedule = false

    public var order: [WritableKeyPath<Self, FormField>] { reschedule ? [\.time] : [\.time, \.channels] }

    func operation() -> Operation {
        reschedule ? .rescheduleRelease(releaseID, at: time.trimmed) : .scheduleRelease(releaseID, at: time.trimmed, channels: channels.checkedValues)
    }
}

/// `m` and `R` on a post that waits for a person: which post (when several could be meant) and, to mark it posted, its address.
public struct PostForm: FormFields {
    public var action: PostAction
    /// The post, when only one is meant; nil: `post` picks it.
    public var postID: PostID?
    public var post: FormField
    public var address = FormField.text("Address")

    public var order: [WritableKeyPath<Self, FormField>] {
        switch action {
        case .markPosted: postID == nil ? [\.post, \.address] : [\.address]
        case .resend: [\.post]
        }
    }

    func operation() -> Operation {
        let id = postID ?? PostID(post.value ?? "")
        switch action {
        case .markPosted: return .markPosted(postID: id, url: address.trimmed)
        case .resend: return .resendPost(postID: id)
        }
    }
}
