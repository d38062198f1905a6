package dev.aauth.id;

public enum SecurityMode { STRICT, DEVELOPMENT }
