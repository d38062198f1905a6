/**
 * The deployment's configuration: {@link dev.aauth.jakarta.config.AAuthConfig} reads every {@code
 * aauth.*} MicroProfile Config property in one place, and {@code GET /aauth/info} shows what this
 * origin was configured as.
 */
package dev.aauth.jakarta.config;
