import Foundation
import Testing
@testable import OneVoiceCore

/// A fake X, Bluesky or Facebook on 127.0.0.1 (python3's http.server) that checks every request against the
/// platform's published shapes and answers as the platform would.
///
/// - X (X's OpenAPI for API v2): `POST /2/tweets` takes a `TweetCreateRequest` (known keys only; `text` a string;
///   `reply.in_reply_to_tweet_id` a `TweetId` of 1-19 digits) with `Authorization: Bearer`, answers 201
///   `TweetCreateResponse` `{"data": {"id", "text"}}`; 429 with `x-rate-limit-reset`; `GET /2/users/me`.
/// - Bluesky (lexicons): `com.atproto.server.createSession` `{identifier, password}`; `com.atproto.repo.createRecord`
///   `{repo, collection, record}` with an `app.bsky.feed.post` record (`$type`, `text` at most 3000 bytes,
///   `createdAt` a datetime, `facets` whose byte slices cut the UTF-8 text exactly at the link or `#tag`,
///   `reply.root`/`reply.parent` strong refs `{uri, cid}`), answers `{uri, cid}`; 429 with `ratelimit-reset`.
/// - Facebook (Graph API Page feed): form `message` + `access_token` to `/{page-id}/feed` or `/{post-id}/comments`,
///   answers `{"id"}`; Graph errors `{"error": {"message", "type", "code"}}`; `GET /{page-id}?fields=id,name`.
///
/// `plan` is what the post-creating endpoint does, request by request: `ok`, `429`, `401`, `500`, `hang` (read
/// the whole body, log it, then never answer) or `drop` (read and log it, then close the connection unanswered).
/// Every request is logged as a JSON line with the `problems` found.
/// The server stops by itself after `maximumRequests` requests or 40 seconds.
final class PlatformFakeServer {
    enum Platform: String { case x, bluesky, facebook }

    let process = Process()
    let port: Int
    let logURL: URL
    private let directory: URL

    static let token = "fake-token-7d3e9b21"
    static let appPassword = "abcd-efgh-ijkl-mnop"
    static let accessJwt = "jwt-access-5c8e11aa"
    static let did = "did:plc:riverton7pd"
    static let pageID = "104563218765432"

    static let script = #"""
import sys, json, re, time, http.server, urllib.parse, datetime
platform, log, plan, reset, limit = sys.argv[1], sys.argv[2], sys.argv[3].split(','), sys.argv[4], int(sys.argv[5])
TOKEN, APPPW, JWT, DID, PAGE = sys.argv[6:11]
state = {'count': 0, 'creates': 0, 'created': 0}

def problems_x(headers, body):
    p = []
    if headers.get('authorization') != 'Bearer ' + TOKEN: p.append('Authorization is not the Bearer token')
    if not (headers.get('content-type') or '').startswith('application/json'): p.append('Content-Type is not application/json')
    try: req = json.loads(body)
    except Exception: return p + ['body is not JSON']
    if not isinstance(req, dict): return p + ['body is not an object']
    known = {'card_uri','community_id','direct_message_deep_link','for_super_followers_only','geo','media','nullcast','poll',
             'quote_tweet_id','reply','reply_settings','share_with_followers','text','edit_options','made_with_ai','paid_partnership'}
    p += ['unknown key ' + k for k in req if k not in known]
    if not isinstance(req.get('text'), str) or not req.get('text'): p.append('text is not a non-empty string')
    if 'reply' in req:
        r = req['reply']
        if not isinstance(r, dict): p.append('reply is not an object')
        else:
            p += ['unknown reply key ' + k for k in r if k not in ('in_reply_to_tweet_id','exclude_reply_user_ids','auto_populate_reply_metadata')]
            if not re.fullmatch(r'[0-9]{1,19}', str(r.get('in_reply_to_tweet_id', ''))) or not isinstance(r.get('in_reply_to_tweet_id'), str):
                p.append('reply.in_reply_to_tweet_id is not a TweetId string')
    return p

def strong_ref(name, ref):
    if not isinstance(ref, dict): return [name + ' is not an object']
    p = ['unknown key in ' + name + ': ' + k for k in ref if k not in ('uri', 'cid', '$type')]
    if not (isinstance(ref.get('uri'), str) and ref['uri'].startswith('at://')): p.append(name + '.uri is not an at-uri')
    if not (isinstance(ref.get('cid'), str) and ref['cid']): p.append(name + '.cid is missing')
    return p

def problems_bluesky_record(req):
    p = []
    p += ['unknown key ' + k for k in req if k not in ('repo','collection','rkey','validate','record','swapCommit')]
    if req.get('repo') != DID: p.append('repo is not the session did')
    if req.get('collection') != 'app.bsky.feed.post': p.append('collection is not app.bsky.feed.post')
    rec = req.get('record')
    if not isinstance(rec, dict): return p + ['record is not an object']
    p += ['unknown record key ' + k for k in rec if k not in ('$type','text','entities','facets','reply','embed','langs','labels','tags','createdAt')]
    if rec.get('$type') != 'app.bsky.feed.post': p.append('record.$type is not app.bsky.feed.post')
    text = rec.get('text')
    if not isinstance(text, str): return p + ['record.text is not a string']
    data = text.encode('utf-8')
    if len(data) > 3000: p.append('record.text is over 3000 bytes')
    try: datetime.datetime.fromisoformat(str(rec.get('createdAt')).replace('Z', '+00:00'))
    except Exception: p.append('record.createdAt is not a datetime')
    for f in rec.get('facets', []) or []:
        idx = f.get('index', {}) if isinstance(f, dict) else {}
        s, e = idx.get('byteStart'), idx.get('byteEnd')
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(data)):
            p.append('facet index out of range: %r' % idx); continue
        try: cut = data[s:e].decode('utf-8')
        except UnicodeDecodeError: p.append('facet %d..%d cuts a UTF-8 sequence' % (s, e)); continue
        for feat in f.get('features', []):
            t = feat.get('$type')
            if t == 'app.bsky.richtext.facet#link':
                if not feat.get('uri', '').endswith(cut.split('://')[-1]): p.append('link facet %r does not cover %r' % (cut, feat.get('uri')))
            elif t == 'app.bsky.richtext.facet#tag':
                if cut != '#' + feat.get('tag', ''): p.append('tag facet %r is not #%s' % (cut, feat.get('tag')))
            else: p.append('unknown facet feature ' + str(t))
    if 'reply' in rec:
        r = rec['reply']
        if not isinstance(r, dict) or set(r) - {'root','parent','$type'}: p.append('reply is not {root, parent}')
        else: p += strong_ref('reply.root', r.get('root')) + strong_ref('reply.parent', r.get('parent'))
    return p

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def answer(self, status, obj, extra=None):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        for k, v in (extra or {}).items(): self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)
    def handle_any(self, method):
        state['count'] += 1
        body = self.rfile.read(int(self.headers.get('Content-Length') or 0)).decode('utf-8')
        headers = {k.lower(): v for k, v in self.headers.items()}
        path = urllib.parse.urlparse(self.path).path
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        record = {'method': method, 'path': path, 'query': query, 'headers': headers, 'body': body, 'problems': [], 'create': False}
        step = None
        def is_create():
            if platform == 'x': return method == 'POST' and path == '/2/tweets'
            if platform == 'bluesky': return method == 'POST' and path == '/xrpc/com.atproto.repo.createRecord'
            return method == 'POST' and (path.endswith('/feed') or path.endswith('/comments'))
        if is_create():
            record['create'] = True
            step = plan[state['creates']] if state['creates'] < len(plan) else 'ok'
            state['creates'] += 1
            record['step'] = step
        # shapes
        if platform == 'x' and record['create']: record['problems'] = problems_x(headers, body)
        if platform == 'x' and path == '/2/users/me' and headers.get('authorization') != 'Bearer ' + TOKEN: record['problems'].append('users/me without the token')
        if platform == 'bluesky' and path == '/xrpc/com.atproto.server.createSession':
            try: req = json.loads(body)
            except Exception: req = None
            if not isinstance(req, dict) or set(req) - {'identifier','password','authFactorToken'} or not isinstance(req.get('identifier'), str) or not isinstance(req.get('password'), str):
                record['problems'].append('createSession input is not {identifier, password}')
        if platform == 'bluesky' and record['create']:
            if headers.get('authorization') != 'Bearer ' + JWT: record['problems'].append('createRecord without the session access token')
            try: record['problems'] += problems_bluesky_record(json.loads(body))
            except ValueError: record['problems'].append('createRecord body is not JSON')
        if platform == 'facebook' and record['create']:
            if not (headers.get('content-type') or '').startswith('application/x-www-form-urlencoded'): record['problems'].append('not a form body')
            form = urllib.parse.parse_qs(body, keep_blank_values=True)
            record['form'] = {k: v[0] for k, v in form.items()}
            if set(form) - {'message', 'access_token', 'link', 'published', 'scheduled_publish_time'}: record['problems'].append('unknown form field')
            if form.get('access_token', [''])[0] != TOKEN: record['problems'].append('access_token is not the Page token')
            if not form.get('message', [''])[0]: record['problems'].append('message is missing')
            if 'access_token' in self.path: record['problems'].append('the token is in the address')
            if path.endswith('/feed') and path != '/' + PAGE + '/feed': record['problems'].append('feed of another page')
        with open(log, 'a') as f: f.write(json.dumps(record) + '\n')
        if step == 'hang':
            time.sleep(3)
            self.close_connection = True
            return
        if step == 'drop':
            self.close_connection = True
            return
        if step == '429':
            if platform == 'facebook':
                return self.answer(400, {'error': {'message': 'Application request limit reached', 'type': 'OAuthException', 'code': 4}}, {'Retry-After': '60'})
            name = 'x-rate-limit-reset' if platform == 'x' else 'ratelimit-reset'
            return self.answer(429, {'title': 'Too Many Requests', 'detail': 'Too Many Requests', 'status': 429} if platform == 'x'
                               else {'error': 'RateLimitExceeded', 'message': 'Rate Limit Exceeded'}, {name: reset})
        if step == '401':
            if platform == 'facebook':
                return self.answer(401, {'error': {'message': 'Error validating access token: Session has expired', 'type': 'OAuthException', 'code': 190}})
            return self.answer(401, {'title': 'Unauthorized', 'detail': 'Unauthorized ' + headers.get('authorization', ''), 'status': 401} if platform == 'x'
                               else {'error': 'AuthenticationRequired', 'message': 'Invalid token'})
        if step == '500':
            return self.answer(500, {'title': 'Internal error'})
        # ok answers
        if platform == 'x':
            if path == '/2/users/me':
                if headers.get('authorization') != 'Bearer ' + TOKEN: return self.answer(401, {'title': 'Unauthorized', 'status': 401})
                return self.answer(200, {'data': {'id': '2244994945', 'name': 'Riverton PD', 'username': 'RivertonPD'}})
            if record['create']:
                state['created'] += 1
                text = json.loads(body).get('text', '')
                return self.answer(201, {'data': {'id': str(1862334455667788000 + state['created']), 'text': text}})
        if platform == 'bluesky':
            if path == '/xrpc/com.atproto.server.createSession':
                req = json.loads(body or '{}')
                if req.get('password') != APPPW: return self.answer(401, {'error': 'AuthenticationRequired', 'message': 'Invalid identifier or password'})
                return self.answer(200, {'accessJwt': JWT, 'refreshJwt': 'jwt-refresh', 'handle': req.get('identifier'), 'did': DID})
            if record['create']:
                state['created'] += 1
                n = state['created']
                return self.answer(200, {'uri': 'at://%s/app.bsky.feed.post/3kpost%d' % (DID, n), 'cid': 'bafyreicid%d' % n})
        if platform == 'facebook':
            if method == 'GET' and path == '/' + PAGE:
                if headers.get('authorization') != 'Bearer ' + TOKEN:
                    return self.answer(400, {'error': {'message': 'Invalid OAuth access token.', 'type': 'OAuthException', 'code': 190}})
                return self.answer(200, {'id': PAGE, 'name': 'Riverton Police Department'})
            if record['create']:
                state['created'] += 1
                if path.endswith('/comments'):
                    return self.answer(200, {'id': '%s_%d' % (path.split('/')[1].split('_')[-1], 800000 + state['created'])})
                return self.answer(200, {'id': '%s_%d' % (PAGE, 900000 + state['created'])})
        self.answer(404, {'error': 'not found'})
    def do_POST(self): self.handle_any('POST')
    def do_GET(self): self.handle_any('GET')
    def log_message(self, *args): pass

server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
server.daemon_threads = True
server.timeout = 0.25
print(server.server_address[1], flush=True)
deadline = time.time() + 40
while state['count'] < limit and time.time() < deadline:
    server.handle_request()
time.sleep(0.2)
server.server_close()
"""#

    init(_ platform: Platform, plan: [String] = ["ok"], rateLimitReset: Date? = nil, maximumRequests: Int = 20) throws {
        guard let python = Python.executable else { throw Python.PythonMissing() }
        directory = try DeliveryFixture.temporaryDirectory()
        logURL = directory.appendingPathComponent("requests.jsonl")
        let reset = rateLimitReset.map { String(Int($0.timeIntervalSince1970)) } ?? "0"
        port = try LoopbackServer.start(process, python: python, script: Self.script,
                                        arguments: [platform.rawValue, logURL.path, plan.joined(separator: ","), reset, String(maximumRequests),
                                                    Self.token, Self.appPassword, Self.accessJwt, Self.did, Self.pageID])
    }

    var base: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// The requests the server saw, in order.
    func requests() throws -> [[String: Any]] {
        guard let text = try? String(contentsOf: logURL, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
    }

    /// The post-creating requests, in order.
    func creates() throws -> [[String: Any]] { try requests().filter { $0["create"] as? Bool == true } }

    /// Every shape problem the server found, as "path: problem".
    func problems() throws -> [String] {
        try requests().flatMap { request in
            (request["problems"] as? [String] ?? []).map { "\(request["path"] as? String ?? "?"): \($0)" }
        }
    }

    /// The JSON body of a request.
    static func json(_ request: [String: Any]) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data((request["body"] as? String ?? "").utf8))) as? [String: Any] ?? [:]
    }

    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    static let secrets = DeliverySecrets(xToken: token, blueskyAppPassword: appPassword, facebookToken: token)

    /// The client for `platform` pointed at this server, with a short timeout (the `hang` step outlasts it).
    func deliverer(_ platform: Platform, timeout: TimeInterval = 1) -> any Deliverer {
        switch platform {
        case .x: XDeliverer(apiBase: base, secrets: Self.secrets, timeout: timeout)
        case .bluesky: BlueskyDeliverer(service: base, handle: "rivertonpd.bsky.social", secrets: Self.secrets, timeout: timeout)
        case .facebook: FacebookDeliverer(graphBase: base, pageID: Self.pageID, secrets: Self.secrets, timeout: timeout)
        }
    }
}
