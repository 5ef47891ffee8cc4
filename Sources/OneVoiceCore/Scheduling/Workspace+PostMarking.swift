import Foundation

extension Workspace {
    /// A person says a post is out: a hand-off they posted by hand, or a post that may have gone out (no answer
    /// came) which they found on the platform. Optionally with its public address. Signed with the caller's key
    /// (an attestation over the post's text and address) and logged, in one transaction. The incident's
    /// spokesperson or a drafter may do it.
    @discardableResult
    public func markPosted(postID: Int64, url rawURL: String? = nil) throws -> Post {
        let url = try rawURL.map(Self.publicPostURL)
        return try write { session in
            guard var post = try session.post(id: postID) else { throw StoreError.notFound(what: "post #\(postID)") }
            let (person, _, incident) = try schedulerActor(session, releaseID: post.releaseID, to: "mark a post posted")
            let markable: Set<PostState> = [.handOff, .handOffOverdue, .needsCheck]
            guard markable.contains(post.state) else {
                throw StoreError.invalid("Post #\(postID) is \(post.state.label); only a post to post by hand or one to check can be marked posted.")
            }
            guard !post.isExercise else {
                throw StoreError.invalid("Post #\(postID) is an exercise post; exercise posts are never posted to a platform.")
            }
            let now = clock.now()
            let role = person.firstRole(among: [.spokesperson, .drafter]) ?? .drafter
            let hash = Hashing.sha256Hex(post.text + "\n" + (url ?? ""))
            let attestation = try attest(session, by: person, role: role, subjectType: "post", subjectID: post.id, incidentID: incident.id,
                                         contentHash: hash, verdict: "posted",
                                         note: "\(post.channel.displayName) post marked posted" + (url.map { " at \($0)" } ?? ""))
            let before = post.state
            post.state = .delivered
            post.deliveredAt = now
            post.publicURL = url
            post.externalID = url.flatMap { Self.platformID(in: $0, channel: post.channel) }
            post.lastError = nil
            post.nextAttemptAt = nil
            post.claimedBy = nil
            post.claimedAt = nil
            try session.updatePost(post)
            try session.appendLog(actor: person, action: "post.mark_posted", subjectType: "post", subjectID: post.id, incidentID: incident.id,
                                  change: PostMark(from: before.rawValue, url: url, attestation: attestation.id), at: now)
            try session.markReleasedIfComplete(releaseID: post.releaseID, at: now)
            return post
        }
    }

    /// A person checked a post that may not have gone out (or put in new credentials) and sends it again.
    @discardableResult
    public func resendPost(postID: Int64) throws -> Post {
        try write { session in
            guard var post = try session.post(id: postID) else { throw StoreError.notFound(what: "post #\(postID)") }
            let (person, release, incident) = try schedulerActor(session, releaseID: post.releaseID, to: "resend a post")
            guard post.state == .needsCheck || post.state == .credentialsExpired else {
                throw StoreError.invalid("Post #\(postID) is \(post.state.label); only a post to check or one held for credentials can be resent.")
            }
            guard release.status == .scheduled || release.status == .approved else {
                throw IdentityError.refused("Release #\(release.id) is \(release.status.label); only an approved release can be sent.")
            }
            let now = clock.now()
            let before = post.state
            post.state = .scheduled
            post.scheduledAt = min(post.scheduledAt ?? now, now)
            post.nextAttemptAt = nil
            post.lastError = nil
            try session.updatePost(post)
            try session.appendLog(actor: person, action: "post.resend", subjectType: "post", subjectID: post.id, incidentID: incident.id,
                                  change: PostMark(from: before.rawValue, url: nil, attestation: nil), at: now)
            return post
        }
    }

    /// The address a person gives for a post: an http(s) address with a host, on one line, of sensible length.
    static func publicPostURL(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 2000,
              !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.isWhitespace }),
              let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = url.host, !host.isEmpty, url.user == nil, url.password == nil else {
            throw StoreError.invalid("The post's address must be its web address, such as https://x.com/riverton_pd/status/1862334455667788990.")
        }
        return trimmed
    }

    /// X's post id from an address such as https://x.com/riverton_pd/status/123, so a correction can reply to it.
    static func platformID(in url: String, channel: Channel) -> String? {
        guard channel == .x, let parsed = URL(string: url), let host = parsed.host?.lowercased(),
              ["x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com", "mobile.x.com"].contains(host) else { return nil }
        let parts = parsed.path.split(separator: "/").map(String.init)
        guard let index = parts.firstIndex(of: "status"), index + 1 < parts.count, XDeliverer.isTweetID(parts[index + 1]) else { return nil }
        return parts[index + 1]
    }
}

struct PostMark: Encodable {
    let from: String
    let url: String?
    let attestation: Int64?
}

extension Workspace {
    public func post(id: Int64) throws -> Post {
        try database.read { session in
            guard let post = try session.post(id: id) else { throw StoreError.notFound(what: "post #\(id)") }
            return post
        }
    }
}
