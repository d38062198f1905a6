/**
 * The single error type of the project ({@link dev.aauth.error.AAuthException}) and the catalogue
 * of wire error codes ({@link dev.aauth.error.AAuthError}) from the AAuth and Signature-Key drafts.
 * Core code throws; each boundary maps to HTTP in one place.
 */
package dev.aauth.error;
