/**
 * A command-line agent ({@code bin/aauth-agent}): plain Java on the core's agent runtime, for
 * trying any AAuth resource, this project's or another implementation's. It enrolls at an Agent
 * Provider with a long-lived key (or is given an agent token), signs the request, answers the
 * resource's challenge at the agent's Person Server, prints the interaction link and waits while
 * the person decides, prints every token it verified, decoded, and the answer. No Jakarta API.
 */
package dev.aauth.cli;
