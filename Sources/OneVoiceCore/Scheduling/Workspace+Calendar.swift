import Foundation

extension Workspace {
    /// The release schedule as an iCalendar file: one event per waiting or delivered post.
    public func scheduleCalendar() throws -> String {
        let (posts, releases) = try database.read { session -> ([Post], [Int64: Release]) in
            // A hand-off is past its time and in a person's hands (the board shows it), not a slot in the schedule.
            let posts = try session.upcomingPosts(limit: 10_000).filter { $0.state != .handOff && $0.state != .handOffOverdue }
            var releases: [Int64: Release] = [:]
            for post in posts where releases[post.releaseID] == nil { releases[post.releaseID] = try session.release(id: post.releaseID) }
            return (posts, releases)
        }
        let now = clock.now()
        let events = posts.compactMap { post -> ScheduleEvent? in
            guard let start = post.scheduledAt else { return nil }
            let title = releases[post.releaseID]?.title ?? "Release #\(post.releaseID)"
            return ScheduleEvent(uid: "post-\(post.id)-\(post.idempotencyKey)@onevoice", start: start,
                                 summary: "\(post.channel.displayName): \(title)",
                                 description: "\(post.state.label)\n\n\(post.text)", stamp: now, isExercise: post.isExercise)
        }
        return ICalendarWriter(productID: "-//OneVoice//Release schedule//EN").write(events: events)
    }
}
