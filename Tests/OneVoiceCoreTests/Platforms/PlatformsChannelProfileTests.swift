import Testing
@testable import OneVoiceCore

@Suite("Platforms: channel profiles and limits")
struct PlatformsChannelProfileTests {
    @Test("every channel has a profile with its documented limit")
    func limits() {
        let expected: [Channel: Int?] = [
            .x: 280, .mastodon: 500, .bluesky: 300, .threads: 500, .facebook: 63_206,
            .instagram: 2_200, .nextdoor: 500, .youtube: 5_000, .website: nil, .media: nil,
            .cap: 90, .webhook: nil,
        ]
        #expect(ChannelProfile.all.count == 12)
        for channel in Channel.allCases {
            #expect(channel.profile.channel == channel)
            #expect(channel.profile.defaultLimit == expected[channel]!)
        }
        #expect(Channel.bluesky.profile.byteLimit == 3000)
        #expect(Channel.youtube.profile.titleLimit == 100)
        #expect(Channel.cap.profile.extendedLimit == 360)
        #expect(Channel.threads.profile.maxLinks == 5)
        #expect(Channel.instagram.profile.maxHashtags == 30)
        #expect(Channel.x.profile.linkRule == .countsAs(23))
        #expect(Channel.mastodon.profile.linkRule == .countsAs(23))
    }

    @Test("only CAP needs an area; only the media list needs recipients")
    func needs() {
        #expect(Channel.allCases.filter { $0.profile.needsArea } == [.cap])
        #expect(Channel.allCases.filter { $0.profile.needsRecipients } == [.media])
    }

    @Test("overrides replace the default; zero or less is ignored")
    func overrides() {
        let limits = ChannelLimits([.mastodon: 1000, .x: 0])
        #expect(limits.limit(for: .mastodon) == 1000)
        #expect(limits.limit(for: .x) == 280)
        #expect(ChannelLimits.default.limit(for: .website) == nil)
        #expect(ChannelLimits.default.setting(.cap, to: 360).limit(for: .cap) == 360)
    }

    @Test("hashtags and links are counted as the platforms see them")
    func counters() {
        #expect(HashtagCounter.count(in: "#one #two&#three x#four #") == 2)
        #expect(HashtagCounter.count(in: "#警察 #safety_first") == 2)
        #expect(LinkCounter.count(in: "see city.gov and https://example.com/a, or info@example.com") == 2)
    }
}
