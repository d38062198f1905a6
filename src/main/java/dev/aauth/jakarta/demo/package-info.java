/**
 * The demo resources of the walkthroughs' laptop supply-chain scenario: the supply-chain API
 * ({@code GET /api/inventory}, {@code POST /api/optimize}, {@code POST /api/orders}) and the
 * market-analysis API ({@code GET /api/market/laptops}), each served only by the origins that list
 * it in {@code aauth.demo.apis}. Canned data; what matters is their AAuth protection.
 */
package dev.aauth.jakarta.demo;
