#!/usr/bin/env python3
"""Writes a synthetic PowerMTA accounting file (CSV, PowerMTA's default record fields)
with known per-ISP counts, for benchmarks, manual checks and demos.

  gen-acct.py --size 100M -o /tmp/acct.csv            # realistic mix, about 100 MB
  gen-acct.py --records 10000 --rate gmail=22:1.5     # Gmail: 22% deferred, 1.5% bounced
  gen-acct.py --records 5000 --blocklist other=2      # 2% of 'other' bounced by Spamhaus

Counts are exact, not sampled: an ISP with n records and deferral rate r gets
round(n * r / 100) deferrals. With --expect FILE the expected counts are written as
JSON ({"records": N, "isps": {"gmail": {"delivered": .., "deferred": .., "bounced": ..}}}).
Deterministic for a given --seed.
"""
import argparse
import json
import random
import sys

HEADER = ("type,timeLogged,timeQueued,orig,rcpt,orcpt,dsnAction,dsnStatus,dsnDiag,dsnMta,"
          "bounceCat,srcType,srcMta,dlvType,dlvSourceIp,dlvDestinationIp,dlvEsmtpAvailable,"
          "dlvSize,vmta,jobId,envId,queue,vmtaPool")

# share of records, recipient domains, receiving host, default deferral %, bounce %
ISPS = {
    "gmail": (0.38, ["gmail.com", "googlemail.com"], "gmail-smtp-in.l.google.com (142.250.27.26)", 3.0, 1.2),
    "outlook": (0.20, ["hotmail.com", "outlook.com", "live.com", "msn.com", "hotmail.co.uk", "outlook.fr"],
                "hotmail-com.olc.protection.outlook.com (52.101.42.0)", 2.0, 0.8),
    "yahoo": (0.12, ["yahoo.com", "aol.com", "ymail.com", "yahoo.fr"], "mta6.am0.yahoodns.net (67.195.204.72)", 5.0, 0.6),
    "apple": (0.05, ["icloud.com", "me.com", "mac.com"], "mx01.mail.icloud.com (17.57.154.33)", 1.0, 0.5),
    "gmx": (0.04, ["gmx.de", "web.de", "gmx.net"], "mx00.emig.gmx.net (212.227.15.9)", 1.5, 0.7),
    "orange": (0.03, ["orange.fr", "wanadoo.fr"], "smtp-in.orange.fr (80.12.242.17)", 2.0, 0.9),
    "comcast": (0.02, ["comcast.net"], "mx1.comcast.net (96.114.157.81)", 1.0, 0.5),
    "other": (0.16, None, None, 1.0, 1.5),
}

DEFER = {
    "gmail": ("4.7.28 (delivery not authorized, message refused)",
              "smtp;421-4.7.28 [{ip}] Our system has detected an unusual rate of unsolicited mail originating "
              "from your IP address. To protect our users from spam, mail sent from your IP address has been "
              "temporarily rate limited. For more information, go to "
              "https://support.google.com/mail/?p=UnsolicitedRateLimitError {gid} - gsmtp", "policy-related"),
    "outlook": ("4.7.650 (delivery not authorized)",
                "smtp;451 4.7.650 The mail server [{ip}] has been temporarily rate limited due to IP reputation. "
                "For e-mail delivery information, see https://postmaster.live.com (S775) "
                "[{mid}.eop-nam11.prod.protection.outlook.com {iso}]", "policy-related"),
    "yahoo": ("4.7.0 (delivery not authorized)",
              "smtp;421 4.7.0 [TSS04] Messages from {ip} temporarily deferred due to unexpected volume or user "
              "complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes", "policy-related"),
    "default": ("4.4.1 (no answer from host)", "smtp;421 4.4.1 Connection timed out after 300 seconds",
                "no-answer-from-host"),
}
BOUNCE = {
    "gmail": ("5.1.1 (bad destination mailbox address)",
              "smtp;550-5.1.1 The email account that you tried to reach does not exist. Please try "
              "double-checking the recipient's email address for typos or unnecessary spaces. "
              "https://support.google.com/mail/?p=NoSuchUser {gid} - gsmtp", "bad-mailbox"),
    "outlook": ("5.5.0 (other or undefined protocol status)",
                "smtp;550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). "
                "[{mid}.eop-nam11.prod.protection.outlook.com {iso}]", "bad-mailbox"),
    "yahoo": ("5.0.0 (undefined status)", "smtp;552 1 Requested mail action aborted, mailbox not found", "bad-mailbox"),
    "default": ("5.1.1 (bad destination mailbox address)", "smtp;550 5.1.1 <{rcpt}>: Recipient address rejected: "
                "User unknown in virtual mailbox table", "bad-mailbox"),
}
SPAMHAUS = ("5.7.1 (delivery not authorized, message refused)",
            "smtp;554 5.7.1 Service unavailable; Client host [{ip}] blocked using zen.spamhaus.org; "
            "https://www.spamhaus.org/query/ip/{ip}", "spam-related")


def size_arg(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper()
    if text[-1:] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--records", type=int, help="number of d/b/t records")
    p.add_argument("--size", type=size_arg, help="approximate file size instead (e.g. 500M, 1G)")
    p.add_argument("--rate", action="append", default=[], metavar="ISP=DEFER:BOUNCE",
                   help="deferral and bounce percent of one ISP, e.g. gmail=22:1.5")
    p.add_argument("--blocklist", action="append", default=[], metavar="ISP=PERCENT",
                   help="percent of the ISP's records bounced citing Spamhaus")
    p.add_argument("--bad", type=int, default=0, help="insert this many malformed rows")
    p.add_argument("--seed", type=int, default=6)
    p.add_argument("--crlf", action="store_true")
    p.add_argument("-o", "--out", default="-")
    p.add_argument("--expect", help="write the expected counts as JSON to this file")
    a = p.parse_args()
    rnd = random.Random(a.seed)

    rates = {isp: (spec[3], spec[4]) for isp, spec in ISPS.items()}
    for r in a.rate:
        isp, _, v = r.partition("=")
        d, _, b = v.partition(":")
        rates[isp] = (float(d), float(b or 0))
    lists = {isp: 0.0 for isp in ISPS}
    for r in a.blocklist:
        isp, _, v = r.partition("=")
        lists[isp] = float(v)

    total = a.records
    if total is None:
        total = max(1, (a.size or (10 << 20)) // 465)  # about 465 bytes a record

    # Exact plan: per ISP a list of kinds, shuffled, then the ISPs interleaved at random.
    plan = []
    expect = {}
    left = total
    names = list(ISPS)
    for i, isp in enumerate(names):
        n = left if i == len(names) - 1 else round(total * ISPS[isp][0])
        left -= n
        d_rate, b_rate = rates[isp]
        t = round(n * d_rate / 100)
        bl = round(n * lists[isp] / 100)
        b = round(n * b_rate / 100)
        dl = n - t - b - bl
        if dl < 0:
            sys.exit(f"{isp}: rates add up to more than 100%")
        expect[isp] = {"delivered": dl, "deferred": t, "bounced": b + bl, "blocklisted": bl}
        plan.append((isp, ["t"] * t + ["b"] * b + ["s"] * bl + ["d"] * dl))
    for _, kinds in plan:
        rnd.shuffle(kinds)
    order = [isp for isp, kinds in plan for _ in kinds]
    rnd.shuffle(order)
    queues = {isp: iter(kinds) for isp, kinds in plan}

    out = sys.stdout if a.out == "-" else open(a.out, "w", newline="")
    nl = "\r\n" if a.crlf else "\n"
    write = out.write
    write(HEADER + nl)
    bad_every = total // a.bad if a.bad else 0
    bad_lines = []
    line = 1
    start = 1790000000
    span = 86400
    for n, isp in enumerate(order):
        if bad_every and n % bad_every == bad_every // 2 and len(bad_lines) < a.bad:
            line += 1
            bad_lines.append(line)
            write("d,2026-09-21 00:00:00+0000,truncated row" + nl)
        kind = next(queues[isp])
        spec = ISPS[isp]
        if spec[1]:
            domain = spec[1][n % len(spec[1])]
            mta = spec[2]
        else:
            k = rnd.randrange(5000)
            domain = f"company{k}.example"
            mta = f"mx{k % 3}.company{k}.example (198.51.{k % 256}.{k % 200})"
        rcpt = f"user{n}@{domain}"
        secs = start + n * span // total
        ts = fmt_time(secs)
        tq = fmt_time(secs - rnd.randrange(1, 600))
        gid = f"d2e1a72fcca58-{rnd.getrandbits(40):x}si{rnd.randrange(10**7)}b3a.{rnd.randrange(999)}"
        mid = f"BN8NAM11FT{rnd.randrange(999):03d}"
        iso = ts.replace(" ", "T")[:19] + ".000Z"
        fill = {"ip": "203.0.113.10", "gid": gid, "mid": mid, "iso": iso, "rcpt": rcpt}
        if kind == "d":
            action, status, diag, cat = "relayed", "2.0.0 (success)", f"smtp;250 2.0.0 OK  {secs} {gid} - gsmtp", ""
        else:
            table = DEFER if kind == "t" else BOUNCE
            status, diag, cat = SPAMHAUS if kind == "s" else table.get(isp, table["default"])
            diag = diag.format(**fill)
            action = "delayed" if kind == "t" else "failed"
            if kind == "t" and not spec[1]:
                mta = ""
        kind = "b" if kind == "s" else kind
        write(f"{kind},{ts},{tq},bounces-{n % 97}@news.example.net,{rcpt},,{action},{quote(status)},{quote(diag)},"
              f"{mta},{cat},smtp,mw1.example.net (10.0.0.5),smtp,203.0.113.10,"
              f"{mta.partition('(')[2].rstrip(')')},\"PIPELINING,SIZE,STARTTLS,ENHANCEDSTATUSCODES,8BITMIME\","
              f"{20000 + n % 30000},vmta-news-{n % 4},campaign-{n % 50},,{domain}/vmta-news-{n % 4},pool-news{nl}")
        line += 1
    if out is not sys.stdout:
        out.close()
    if a.expect:
        with open(a.expect, "w") as f:
            json.dump({"records": total, "bad_rows": len(bad_lines), "bad_lines": bad_lines, "isps": expect}, f,
                      indent=1)


def quote(field):
    if any(c in field for c in ',"\n'):
        return '"' + field.replace('"', '""') + '"'
    return field


def fmt_time(secs):
    import time
    return time.strftime("%Y-%m-%d %H:%M:%S+0000", time.gmtime(secs))


if __name__ == "__main__":
    main()
