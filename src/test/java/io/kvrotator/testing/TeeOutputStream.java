package io.kvrotator.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Writes to a stream and keeps a copy, so that console output can be checked for leaked secret values. */
public final class TeeOutputStream extends OutputStream {

    private final OutputStream first;
    private final ByteArrayOutputStream second;

    public TeeOutputStream(OutputStream first, ByteArrayOutputStream second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public synchronized void write(int b) {
        try {
            first.write(b);
        } catch (IOException e) {
            // the original stream is closed: keep capturing
        }
        second.write(b);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        try {
            first.write(bytes, offset, length);
        } catch (IOException e) {
            // the original stream is closed: keep capturing
        }
        second.write(bytes, offset, length);
    }
}
