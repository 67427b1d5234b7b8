#!/usr/bin/env python3
"""Writes a synthetic PowerMTA accounting file (CSV, PowerMTA's default record fields)
with known per-ISP counts, for benchmarks, manual checks and demos.

  gen-acct.py --size 100M -o /tmp/acct.csv            # realistic mix, about 100 MB
  gen-acct.py --records 10000 --rate gmail=22:1.5     # Gmail: 22% deferred, 1.5% bounced
  gen-acct.py --records 5000 --blocklist other=2      # 2% of 'other' bounced by Spamhaus
  gen-acct.py --records 20000 --span 4h --incident gmail=35:1@2h20m
                                # Gmail at its default rates, then 35% deferred and 1%
                                # bounced from 2 h 20 min after the file's start

Counts are exact, not sampled: an ISP with n records and deferral rate r gets
round(n * r / 100) deferrals (with --incident, the same holds before and after the
incident's start separately). Records are spread evenly over --span from --start. With
--expect FILE the expected counts are written as JSON ({"records": N, "isps": {"gmail":
{"delivered": .., "deferred": .., "bounced": ..}}}, and with --incident, "incident":
{"isp": .., "start": RFC 3339 UTC, "start_epoch": ..}). Deterministic for a given --seed.
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


def duration_arg(text):
    """`90`, `90s`, `15m`, `2h20m`, `1d`: seconds."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    total, num = 0, ""
    for c in text.strip():
        if c.isdigit():
            num += c
        elif c in units and num:
            total, num = total + int(num) * units[c], ""
        else:
            raise argparse.ArgumentTypeError(f"not a duration: {text}")
    return total + int(num or 0)


def time_arg(text):
    """Unix seconds, or an RFC 3339 UTC time like 2026-09-21T00:00:00Z."""
    import calendar
    import time
    if text.lstrip("-").isdigit():
        return int(text)
    return calendar.timegm(time.strptime(text.rstrip("Z"), "%Y-%m-%dT%H:%M:%S"))


def incident_arg(text):
    """ISP=DEFER:BOUNCE@OFFSET -> (isp, defer %, bounce %, seconds after the start)."""
    spec, _, offset = text.partition("@")
    isp, _, rates = spec.partition("=")
    d, _, b = rates.partition(":")
    if isp not in ISPS or not d or not offset:
        raise argparse.ArgumentTypeError(f"expected ISP=DEFER:BOUNCE@OFFSET, got {text}")
    return isp, float(d), float(b or 0), duration_arg(offset)


def kinds(n, d_rate, b_rate, bl_rate, who):
    """Exactly round(n * rate / 100) of each failure kind, the rest delivered (unshuffled)."""
    t, b, bl = round(n * d_rate / 100), round(n * b_rate / 100), round(n * bl_rate / 100)
    dl = n - t - b - bl
    if dl < 0:
        sys.exit(f"{who}: rates add up to more than 100%")
    return ["t"] * t + ["b"] * b + ["s"] * bl + ["d"] * dl


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--records", type=int, help="number of d/b/t records")
    p.add_argument("--size", type=size_arg, help="approximate file size instead (e.g. 500M, 1G)")
    p.add_argument("--rate", action="append", default=[], metavar="ISP=DEFER:BOUNCE",
                   help="deferral and bounce percent of one ISP, e.g. gmail=22:1.5")
    p.add_argument("--blocklist", action="append", default=[], metavar="ISP=PERCENT",
                   help="percent of the ISP's records bounced citing Spamhaus")
    p.add_argument("--bad", type=int, default=0, help="insert this many malformed rows")
    p.add_argument("--start", type=time_arg, default=1790000000,
                   help="time of the first record: Unix seconds or RFC 3339 UTC (default 2026-09-21T14:13:20Z)")
    p.add_argument("--span", type=duration_arg, default=86400,
                   help="time from the first record to the last, e.g. 4h, 90m, 2d (default 1d)")
    p.add_argument("--incident", type=incident_arg, metavar="ISP=DEFER:BOUNCE@OFFSET",
                   help="from OFFSET after --start (e.g. 2h20m), the ISP's deferral and bounce percent")
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
        plan.append((isp, kinds(n, *rates[isp], lists[isp], isp)))
    for _, ks in plan:
        rnd.shuffle(ks)
    order = [isp for isp, ks in plan for _ in ks]
    rnd.shuffle(order)
    start, span = a.start, a.span
    stamp = lambda n: start + n * span // total  # noqa: E731
    if a.incident:
        # The incident's ISP: its records before and after the start get their own exact
        # counts (a separate random stream, so files without an incident do not change).
        isp, d_rate, b_rate, offset = a.incident
        at = start + offset
        slots = [n for n, x in enumerate(order) if x == isp]
        before = sum(1 for n in slots if stamp(n) < at)
        early = kinds(before, *rates[isp], lists[isp], isp)
        late = kinds(len(slots) - before, d_rate, b_rate, lists[isp], f"{isp} incident")
        side = random.Random(a.seed + 1)
        side.shuffle(early)
        side.shuffle(late)
        plan = [(x, early + late if x == isp else ks) for x, ks in plan]
    for isp, ks in plan:
        expect[isp] = {"delivered": ks.count("d"), "deferred": ks.count("t"),
                       "bounced": ks.count("b") + ks.count("s"), "blocklisted": ks.count("s")}
    queues = {isp: iter(ks) for isp, ks in plan}

    out = sys.stdout if a.out == "-" else open(a.out, "w", newline="")
    nl = "\r\n" if a.crlf else "\n"
    write = out.write
    write(HEADER + nl)
    bad_every = total // a.bad if a.bad else 0
    bad_lines = []
    line = 1
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
        secs = stamp(n)
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
        report = {"records": total, "bad_rows": len(bad_lines), "bad_lines": bad_lines, "isps": expect}
        if a.incident:
            at = a.start + a.incident[3]
            report["incident"] = {"isp": a.incident[0], "start": fmt_time(at, "%Y-%m-%dT%H:%M:%SZ"),
                                  "start_epoch": at}
        with open(a.expect, "w") as f:
            json.dump(report, f, indent=1)


def quote(field):
    if any(c in field for c in ',"\n'):
        return '"' + field.replace('"', '""') + '"'
    return field


def fmt_time(secs, form="%Y-%m-%d %H:%M:%S+0000"):
    import time
    return time.strftime(form, time.gmtime(secs))


if __name__ == "__main__":
    main()
