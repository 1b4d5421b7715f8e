package io.kvrotator.notify;

public enum Severity {
    INFO, WARNING, ERROR
}
