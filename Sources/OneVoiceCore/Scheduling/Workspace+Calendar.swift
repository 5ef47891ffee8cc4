import Foundation

extension Workspace {
    /// The release schedule as an iCalendar file: one event per waiting or delivered post.
    public func scheduleCalendar() throws -> String {
        let (posts, releases, changes) = try database.read { session -> ([Post], [Int64: Release], [Int64: [Date]]) in
            // A hand-off is past its time and in a person's hands (the board shows it), not a slot in the schedule.
            let posts = try session.upcomingPosts(limit: 10_000).filter { $0.state != .handOff && $0.state != .handOffOverdue }
            var releases: [Int64: Release] = [:]
            var changes: [Int64: [Date]] = [:]
            for post in posts where releases[post.releaseID] == nil {
                releases[post.releaseID] = try session.release(id: post.releaseID)
                changes[post.releaseID] = try session.scheduleChangeTimes(releaseID: post.releaseID)
            }
            return (posts, releases, changes)
        }
        let now = clock.now()
        let events = posts.compactMap { post -> ScheduleEvent? in
            guard let start = post.scheduledAt else { return nil }
            let title = releases[post.releaseID]?.title ?? "Release #\(post.releaseID)"
            // Every change of the release's schedule after this post was made is one more SEQUENCE.
            let changed = (changes[post.releaseID] ?? []).filter { $0 > post.createdAt }
            return ScheduleEvent(uid: "post-\(post.id)-\(post.idempotencyKey)@onevoice", start: start,
                                 summary: "\(post.channel.displayName): \(title)",
                                 description: "\(post.state.label)\n\n\(post.text)", stamp: now, isExercise: post.isExercise,
                                 sequence: changed.count, lastModified: changed.last ?? post.createdAt)
        }
        return ICalendarWriter(productID: "-//OneVoice//Release schedule//EN").write(events: events)
    }
}
