package io.kvrotator.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Readies the JDK's TLS stack before a cold worker's first call needs it: the default context and trust store, the
 * first message of a handshake (written into a buffer, never sent), and the cryptography every handshake and record
 * then uses (key agreement, signatures, a trusted root's own signature checked, AES-GCM, HMAC), on keys and data made
 * here. The Functions host runs the Java worker with the client compiler only and no bytecode verification, where
 * this code runs as plain Java; done here, its loading and first compilation overlap the reading of the settings
 * instead of each TLS connection the first rotation opens. Nothing is sent anywhere.
 */
final class TlsWarmUp implements Runnable {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void run() {
        try {
            clientHello();
            keyAgreement("X25519", "XDH");
            keyAgreement("EC", "ECDH");
            signature();
            trustedRoot().ifPresent(TlsWarmUp::verifySelfSigned);
            records();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e.getClass().getSimpleName(), e);
        }
    }

    private static void clientHello() throws GeneralSecurityException, SSLException {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("warm-up.invalid", 443);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
        engine.closeOutbound();
    }

    private static void keyAgreement(String keys, String agreement) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(keys);
        KeyPair ours = generator.generateKeyPair();
        KeyPair theirs = generator.generateKeyPair();
        KeyAgreement exchange = KeyAgreement.getInstance(agreement);
        exchange.init(ours.getPrivate());
        exchange.doPhase(theirs.getPublic(), true);
        exchange.generateSecret();
    }

    private static void signature() throws GeneralSecurityException {
        KeyPair keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
        byte[] message = new byte[64];
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(message);
        byte[] signed = signer.sign();
        signer.initVerify(keys.getPublic());
        signer.update(message);
        signer.verify(signed);
    }

    private static Optional<X509Certificate> trustedRoot() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return Arrays.stream(factory.getTrustManagers()).filter(X509TrustManager.class::isInstance)
                .map(X509TrustManager.class::cast).flatMap(manager -> Arrays.stream(manager.getAcceptedIssuers()))
                .filter(certificate -> certificate.getSubjectX500Principal()
                        .equals(certificate.getIssuerX500Principal()))
                .findFirst();
    }

    private static void verifySelfSigned(X509Certificate root) {
        try {
            root.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            // A root signed with an algorithm this JVM lacks: the classes are loaded all the same.
        }
    }

    private static void records() throws GeneralSecurityException {
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(key);
        RANDOM.nextBytes(nonce);
        SecretKeySpec aes = new SecretKeySpec(key, "AES");
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, nonce));
        byte[] sealed = cipher.doFinal(new byte[16 * 1024]);
        cipher.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(128, nonce));
        cipher.doFinal(sealed);
        for (String algorithm : new String[] {"HmacSHA256", "HmacSHA384"}) {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            mac.doFinal(sealed);
        }
    }
}
