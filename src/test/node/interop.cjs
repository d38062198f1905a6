// The @hellocoop/httpsig 2.x side of HttpsigInteropTest. Reads one JSON request on stdin, writes
// one JSON answer on stdout. No network: fetch() runs with dryRun (headers only), verify() gets the
// request as data. Commands:
//   keygen {alg}                                  -> {privateJwk, publicJwk}
//   sign   {url, method, privateJwk, signatureKey, body?, headers?} -> {headers}
//   verify {method, authority, path, query?, headers, body?, requireContentDigest?} -> result
const httpsig = require('@hellocoop/httpsig')

async function main() {
    const chunks = []
    for await (const c of process.stdin) chunks.push(c)
    const req = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    const cmd = process.argv[2]
    let out
    if (cmd === 'keygen') {
        const { privateKey, publicKey } = await httpsig.generateKeyPair({ algorithm: req.alg })
        const privateJwk = await crypto.subtle.exportKey('jwk', privateKey)
        privateJwk.alg = req.alg
        out = { privateJwk, publicJwk: publicKey }
    } else if (cmd === 'sign') {
        const init = {
            method: req.method,
            signingKey: req.privateJwk,
            signatureKey: req.signatureKey,
            headers: req.headers || {},
            dryRun: true,
        }
        if (req.body !== undefined) init.body = req.body
        const { headers } = await httpsig.fetch(req.url, init)
        const h = {}
        headers.forEach((v, k) => (h[k] = v))
        out = { headers: h }
    } else if (cmd === 'verify') {
        const r = await httpsig.verify(
            {
                method: req.method,
                authority: req.authority,
                path: req.path,
                query: req.query,
                headers: req.headers,
                body: req.body,
            },
            { requireContentDigest: !!req.requireContentDigest },
        )
        out = {
            verified: r.verified,
            keyType: r.keyType,
            thumbprint: r.thumbprint,
            error: r.error || null,
            signatureError: r.signatureError || null,
            acceptSignatureAlg: r.acceptSignatureAlg || null,
        }
    } else if (cmd === 'version') {
        const path = require('node:path')
        const fs = require('node:fs')
        const pj = path.join(__dirname, 'node_modules', '@hellocoop', 'httpsig', 'package.json')
        out = { version: JSON.parse(fs.readFileSync(pj, 'utf8')).version }
    } else {
        throw new Error('unknown command ' + cmd)
    }
    process.stdout.write(JSON.stringify(out))
}

main().catch((e) => {
    process.stderr.write(String(e && e.stack ? e.stack : e))
    process.exit(1)
})
