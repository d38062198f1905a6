// The Node side of NodeComparisonBench (bench/node-verify.sh, issue 15): verifies, one after the
// other on Node's one JavaScript thread, every request of a file written by the Java side with
// @hellocoop/httpsig's verify(), first warm-up passes, then measured ones; prints one JSON line with
// verifications per second of wall time and of this process's CPU time (process.cpuUsage()).
// Usage: node verify-bench.cjs <requests.json> <warm-up passes> <measured passes>
// Exit status 1 if any request does not verify.
const fs = require('node:fs')
const httpsig = require('@hellocoop/httpsig')

async function pass(requests) {
    for (const r of requests) {
        const result = await httpsig.verify({
            method: r.method,
            authority: r.authority,
            path: r.path,
            query: r.query,
            headers: r.headers,
        })
        if (!result.verified) {
            throw new Error('not verified: ' + JSON.stringify(result))
        }
    }
}

async function main() {
    const [file, warmups, passes] = process.argv.slice(2)
    const requests = JSON.parse(fs.readFileSync(file, 'utf8')).requests
    for (let i = 0; i < Number(warmups); i++) await pass(requests)
    const cpu0 = process.cpuUsage()
    const wall0 = process.hrtime.bigint()
    for (let i = 0; i < Number(passes); i++) await pass(requests)
    const cpu = process.cpuUsage(cpu0)
    const wallSeconds = Number(process.hrtime.bigint() - wall0) / 1e9
    const cpuSeconds = (cpu.user + cpu.system) / 1e6
    const n = Number(passes) * requests.length
    process.stdout.write(
        JSON.stringify({ verified: n, perWallSecond: n / wallSeconds, perCpuSecond: n / cpuSeconds }),
    )
}

main().catch((e) => {
    process.stderr.write(String(e && e.stack ? e.stack : e))
    process.exit(1)
})
