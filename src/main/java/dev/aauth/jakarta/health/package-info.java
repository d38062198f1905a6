/**
 * MicroProfile Health checks of one origin ({@code /health/ready}, {@code /health/live}). Liberty
 * serves {@code /health} once per server on the default virtual host (port 9080 in the demo) and
 * lists the checks of every application, so each check names its issuer.
 */
package dev.aauth.jakarta.health;
