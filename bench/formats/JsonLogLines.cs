using System.Globalization;

/// <summary>
/// Generators for the JSON-family throughput runs: NDJSON application logs, Suricata EVE events and CloudTrail
/// records, with hosts, addresses, ids and messages varying per line (a multiplicative hash of the line number, no
/// RNG) and keys that come and go, so the parsers see dictionary growth and sparse columns, not one repeated line.
/// </summary>
internal static class JsonLogLines
{
    private static readonly string[] Levels = ["info", "info", "info", "warn", "error", "debug"];
    private static readonly string[] Paths = ["/api/v1/items", "/api/v1/users", "/login", "/static/app.js", "/api/v2/search", "/health"];
    private static readonly string[] EventTypes = ["flow", "flow", "dns", "http", "tls", "alert"];
    private static readonly string[] Signatures = ["ET POLICY curl User-Agent Outbound", "ET SCAN Nmap Scripting Engine User-Agent", "ET INFO TLS Handshake Failure", "GPL ICMP_INFO PING *NIX", "ET DNS Query for .onion proxy Domain"];
    private static readonly string[] EventNames = ["GetObject", "PutObject", "DescribeInstances", "AssumeRole", "ListBuckets", "ConsoleLogin", "CreateUser"];
    private static readonly string[] EventSources = ["s3.amazonaws.com", "ec2.amazonaws.com", "sts.amazonaws.com", "iam.amazonaws.com", "signin.amazonaws.com"];

    public static string Ndjson(int i)
    {
        int sec = i / 50;
        string level = Levels[H(i, 1) % 6];
        string extra = (H(i, 7) % 5) switch
        {
            0 => string.Create(CultureInfo.InvariantCulture, $",\"user\":{{\"id\":{H(i, 8) % 5000},\"name\":\"user{H(i, 8) % 5000}\",\"roles\":[\"reader\",\"writer\"]}}"),
            1 => string.Create(CultureInfo.InvariantCulture, $",\"error\":\"timeout after {H(i, 9) % 30000} ms talking to db-{H(i, 10) % 8}\",\"retry\":{H(i, 11) % 4}"),
            _ => "",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"ts\":\"2026-01-{1 + (sec / 86400 % 28):00}T{sec / 3600 % 24:00}:{sec / 60 % 60:00}:{sec % 60:00}.{H(i, 12) % 1000:000}Z\",\"level\":\"{level}\",\"host\":\"web-{H(i, 2) % 64:00}.prod.example.net\",\"pid\":{1000 + (H(i, 3) % 30000)},\"method\":\"GET\",\"path\":\"{Paths[H(i, 4) % 6]}/{H(i, 5) % 100000}\",\"status\":{(H(i, 6) % 20 == 0 ? 500 : H(i, 6) % 7 == 0 ? 404 : 200)},\"latency_ms\":{H(i, 13) % 250000 / 100.0:F2},\"bytes\":{H(i, 14) % 2000000},\"client\":\"10.{H(i, 15) % 255}.{H(i, 16) % 255}.{H(i, 17) % 255}\",\"msg\":\"request {H(i, 18) % 1000000} served by worker {H(i, 19) % 16}\"{extra}}}");
    }

    public static string Eve(int i)
    {
        int sec = i / 80;
        string type = EventTypes[H(i, 1) % 6];
        string head = string.Create(CultureInfo.InvariantCulture,
            $"{{\"timestamp\":\"2026-01-{1 + (sec / 86400 % 28):00}T{sec / 3600 % 24:00}:{sec / 60 % 60:00}:{sec % 60:00}.{H(i, 2) % 1000000:000000}+0000\",\"flow_id\":{(1L << 40) + H(i, 3)},\"in_iface\":\"eth{H(i, 4) % 2}\",\"event_type\":\"{type}\",\"src_ip\":\"10.{H(i, 5) % 255}.{H(i, 6) % 255}.{H(i, 7) % 255}\",\"src_port\":{1024 + (H(i, 8) % 60000)},\"dest_ip\":\"192.168.{H(i, 9) % 255}.{H(i, 10) % 255}\",\"dest_port\":{(H(i, 11) % 3 == 0 ? 443 : H(i, 11) % 3 == 1 ? 80 : 53)},\"proto\":\"{(H(i, 11) % 3 == 2 ? "UDP" : "TCP")}\"");
        string body = type switch
        {
            "alert" => string.Create(CultureInfo.InvariantCulture, $",\"alert\":{{\"action\":\"allowed\",\"gid\":1,\"signature_id\":{2000000 + (H(i, 12) % 900)},\"rev\":{1 + (H(i, 13) % 9)},\"signature\":\"{Signatures[H(i, 12) % 5]}\",\"category\":\"Potentially Bad Traffic\",\"severity\":{1 + (H(i, 14) % 3)},\"metadata\":{{\"created_at\":[\"2019_10_01\"],\"tag\":[\"SCAN\"]}}}},\"community_id\":\"1:{H(i, 15):x8}{H(i, 16):x8}=\""),
            "dns" => string.Create(CultureInfo.InvariantCulture, $",\"dns\":{{\"type\":\"query\",\"id\":{H(i, 17) % 65536},\"rrname\":\"host{H(i, 18) % 4000}.corp.example.com\",\"rrtype\":\"{(H(i, 19) % 4 == 0 ? "AAAA" : "A")}\",\"tx_id\":{H(i, 20) % 10}}}"),
            "http" => string.Create(CultureInfo.InvariantCulture, $",\"tx_id\":0,\"http\":{{\"hostname\":\"www{H(i, 21) % 300}.example.org\",\"url\":\"/index.php?id={H(i, 22) % 100000}\",\"http_user_agent\":\"Mozilla/5.0 (X11; Linux x86_64) rv:{100 + (H(i, 23) % 30)}.0\",\"http_content_type\":\"text/html\",\"http_method\":\"GET\",\"protocol\":\"HTTP/1.1\",\"status\":{(H(i, 24) % 9 == 0 ? 404 : 200)},\"length\":{H(i, 25) % 90000}}}"),
            "tls" => string.Create(CultureInfo.InvariantCulture, $",\"tls\":{{\"subject\":\"CN=svc{H(i, 26) % 500}.example.com\",\"issuerdn\":\"C=US, O=Let's Encrypt, CN=R3\",\"serial\":\"{H(i, 27):X8}\",\"fingerprint\":\"{H(i, 28):x8}{H(i, 29):x8}\",\"sni\":\"svc{H(i, 26) % 500}.example.com\",\"version\":\"TLS 1.3\",\"notbefore\":\"2026-01-01T00:00:00\",\"notafter\":\"2026-04-01T00:00:00\"}}"),
            _ => string.Create(CultureInfo.InvariantCulture, $",\"app_proto\":\"{(H(i, 30) % 2 == 0 ? "http" : "tls")}\",\"flow\":{{\"pkts_toserver\":{H(i, 31) % 5000},\"pkts_toclient\":{H(i, 32) % 5000},\"bytes_toserver\":{H(i, 33) % 9000000},\"bytes_toclient\":{H(i, 34) % 9000000},\"start\":\"2026-01-01T00:00:{sec % 60:00}.{H(i, 35) % 1000000:000000}+0000\",\"end\":\"2026-01-01T00:01:{sec % 60:00}.{H(i, 36) % 1000000:000000}+0000\",\"age\":{H(i, 37) % 120},\"state\":\"closed\",\"reason\":\"timeout\",\"alerted\":false}},\"tcp\":{{\"tcp_flags\":\"1b\",\"syn\":true,\"fin\":true,\"psh\":true,\"ack\":true,\"state\":\"closed\"}}"),
        };
        return head + body + "}";
    }

    /// <summary>One element of <c>Records</c> (the caller adds the commas and the enclosing document).</summary>
    public static string CloudTrailRecord(int i)
    {
        int sec = i / 20;
        string user = string.Create(CultureInfo.InvariantCulture, $"user{H(i, 2) % 400}");
        string parameters = (H(i, 3) % 3) switch
        {
            0 => string.Create(CultureInfo.InvariantCulture, $"{{\"bucketName\":\"logs-{H(i, 4) % 40}\",\"key\":\"2026/01/{H(i, 5) % 28:00}/part-{H(i, 6) % 100000}.gz\"}}"),
            1 => string.Create(CultureInfo.InvariantCulture, $"{{\"instancesSet\":{{\"items\":[{{\"instanceId\":\"i-{H(i, 7):x8}\"}}]}},\"filterSet\":{{}}}}"),
            _ => "null",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"eventVersion\":\"1.08\",\"userIdentity\":{{\"type\":\"{(H(i, 1) % 4 == 0 ? "IAMUser" : "AssumedRole")}\",\"principalId\":\"AROA{H(i, 8):X8}:{user}\",\"arn\":\"arn:aws:sts::1234567890{H(i, 9) % 10:00}:assumed-role/ops/{user}\",\"accountId\":\"1234567890{H(i, 9) % 10:00}\",\"accessKeyId\":\"ASIA{H(i, 10):X8}{H(i, 11):X8}\",\"sessionContext\":{{\"attributes\":{{\"creationDate\":\"2026-01-01T00:00:00Z\",\"mfaAuthenticated\":\"{(H(i, 12) % 5 == 0 ? "true" : "false")}\"}}}}}},\"eventTime\":\"2026-01-{1 + (sec / 86400 % 28):00}T{sec / 3600 % 24:00}:{sec / 60 % 60:00}:{sec % 60:00}Z\",\"eventSource\":\"{EventSources[H(i, 13) % 5]}\",\"eventName\":\"{EventNames[H(i, 14) % 7]}\",\"awsRegion\":\"{(H(i, 15) % 3 == 0 ? "eu-west-1" : "us-east-1")}\",\"sourceIPAddress\":\"{H(i, 16) % 223 + 1}.{H(i, 17) % 255}.{H(i, 18) % 255}.{H(i, 19) % 255}\",\"userAgent\":\"aws-cli/2.{H(i, 20) % 20}.{H(i, 21) % 10} Python/3.11 Linux/6.1\",\"requestParameters\":{parameters},\"responseElements\":null,\"requestID\":\"{H(i, 22):x8}-{H(i, 23) % 65536:x4}\",\"eventID\":\"{H(i, 24):x8}-{H(i, 25) % 65536:x4}-{H(i, 26):x8}\",\"readOnly\":{(H(i, 14) % 7 < 3 ? "true" : "false")},\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"1234567890{H(i, 9) % 10:00}\"}}");
    }

    // Deterministic variety without an RNG (the same hash as the text-log generators).
    private static uint H(int i, uint salt) => unchecked(((uint)i * 2654435761u) ^ (salt * 40503u));
}
