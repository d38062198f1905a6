/**
 * Sign-in of persons at the Person Server: Argon2id password hashes ({@link
 * dev.aauth.jakarta.login.PasswordHashes}), a Jakarta Security identity store over the {@code
 * persons} table, a form authentication mechanism that does nothing on origins without the {@code
 * person-server} role, a rate limit on failed attempts, and the persons created at start (the
 * development person, administrator-configured persons).
 */
package dev.aauth.jakarta.login;
