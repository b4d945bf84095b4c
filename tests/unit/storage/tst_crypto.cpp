#include "storage/Crypto.h"
#include "storage/KeyRing.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace counterpart;
using counterpart::test::readAll;
using counterpart::test::writeAll;

namespace {

const QByteArray memberId = QByteArray::fromHex("0190f5e47b2a7c3d8e4f5a6b7c8d9e0f");

} // namespace

class TestCrypto : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip()
    {
        const FieldCipher cipher = FieldCipher::fromKey(secureRandomBytes(32));
        QVERIFY(cipher.isValid());
        const QByteArray plain("1990-05-17");
        auto blob = cipher.encrypt(plain, memberId);
        QVERIFY(blob);
        QCOMPARE(blob->size(), 1 + 12 + plain.size() + 16);
        QCOMPARE(blob->at(0), char(1));
        QVERIFY(!blob->contains(plain));
        auto back = cipher.decrypt(*blob, memberId);
        QVERIFY(back);
        QCOMPARE(*back, plain);

        // A fresh nonce each time: the same value never looks the same twice.
        auto again = cipher.encrypt(plain, memberId);
        QVERIFY(again);
        QVERIFY(*again != *blob);
        QVERIFY(again->mid(1, 12) != blob->mid(1, 12));

        auto empty = cipher.encrypt(QByteArray(), memberId);
        QVERIFY(empty);
        QCOMPARE(empty->size(), 1 + 12 + 16);
        auto emptyBack = cipher.decrypt(*empty, memberId);
        QVERIFY(emptyBack);
        QVERIFY(emptyBack->isEmpty());

        // Associated data may be empty too.
        auto noAad = cipher.encrypt(QByteArrayLiteral("110101199003070000"), QByteArray());
        QVERIFY(noAad);
        QCOMPARE(*cipher.decrypt(*noAad, QByteArray()), QByteArrayLiteral("110101199003070000"));
    }

    // NIST GCM test case 16 (AES-256, 96-bit IV, with AAD), in our blob layout: the format is plain
    // AES-256-GCM that any implementation can read.
    void knownAnswer()
    {
        const QByteArray key =
            QByteArray::fromHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
        const QByteArray iv = QByteArray::fromHex("cafebabefacedbaddecaf888");
        const QByteArray aad = QByteArray::fromHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        const QByteArray plain = QByteArray::fromHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303"
                                                     "d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5"
                                                     "aa0de657ba637b39");
        const QByteArray cipherText =
            QByteArray::fromHex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590d"
                                "bb3da7b08b1056828838c5f61e63"
                                "93ba7a0abcc9f662");
        const QByteArray tag = QByteArray::fromHex("76fc6ece0f4e1768cddf8853bb2d551b");
        const QByteArray blob = QByteArray(1, char(1)) + iv + cipherText + tag;
        auto plainBack = FieldCipher::fromKey(key).decrypt(blob, aad);
        QVERIFY(plainBack);
        QCOMPARE(*plainBack, plain);
    }

    void tamperingIsDetected()
    {
        const FieldCipher cipher = FieldCipher::fromKey(secureRandomBytes(32));
        auto blob = cipher.encrypt(QByteArrayLiteral("1985-12-01"), memberId);
        QVERIFY(blob);
        QString firstMessage;
        // Every single byte matters: version, nonce, ciphertext and tag.
        for (int i = 0; i < blob->size(); ++i) {
            QByteArray changed = *blob;
            changed[i] = char(changed[i] ^ 0x01);
            auto r = cipher.decrypt(changed, memberId);
            QVERIFY2(!r, qPrintable(QString::number(i)));
            QCOMPARE(r.error().code, ErrorCode::Crypto);
            if (firstMessage.isEmpty())
                firstMessage = r.error().message;
            QCOMPARE(r.error().message, firstMessage);
        }
        QVERIFY(!firstMessage.contains(QStringLiteral("1985")));

        for (int cut : {1, 16, int(blob->size()) - 1}) {
            auto r = cipher.decrypt(blob->left(blob->size() - cut), memberId);
            QVERIFY(!r);
            QCOMPARE(r.error().code, ErrorCode::Crypto);
        }
        auto extended = cipher.decrypt(*blob + QByteArray(1, 'x'), memberId);
        QVERIFY(!extended);
        QVERIFY(!cipher.decrypt(QByteArray(), memberId));
    }

    void wrongKeyOrAssociatedDataFails()
    {
        const FieldCipher cipher = FieldCipher::fromKey(secureRandomBytes(32));
        auto blob = cipher.encrypt(QByteArrayLiteral("440301198001010011"), memberId);
        QVERIFY(blob);

        auto wrongKey = FieldCipher::fromKey(secureRandomBytes(32)).decrypt(*blob, memberId);
        QVERIFY(!wrongKey);
        QCOMPARE(wrongKey.error().code, ErrorCode::Crypto);

        // The same blob copied into another member's row does not decrypt there.
        QByteArray otherMember = memberId;
        otherMember[15] = char(otherMember[15] ^ 0x01);
        auto wrongAad = cipher.decrypt(*blob, otherMember);
        QVERIFY(!wrongAad);
        QCOMPARE(wrongAad.error().code, ErrorCode::Crypto);
        QVERIFY(!cipher.decrypt(*blob, QByteArray()));
    }

    void invalidKeys()
    {
        QVERIFY(!FieldCipher().isValid());
        QVERIFY(!FieldCipher::fromKey(QByteArray(31, 'k')).isValid());
        QVERIFY(!FieldCipher::fromKey(QByteArray(33, 'k')).isValid());
        auto r = FieldCipher().encrypt(QByteArrayLiteral("x"), memberId);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Crypto);
        auto d = FieldCipher().decrypt(QByteArray(40, 'x'), memberId);
        QVERIFY(!d);
        QCOMPARE(d.error().code, ErrorCode::Crypto);
    }

    void keyFileIsCreatedPrivately()
    {
        test::TempDir dir;
        const QString keyDir = dir.file(QStringLiteral("data/Counterpart/keys"));
        const QString keyFile = keyDir + QStringLiteral("/db.key");
        QVERIFY(!QFileInfo::exists(keyDir));

        auto created = FieldCipher::loadKeyFile(keyFile, true);
        QVERIFY2(created, created ? "" : qPrintable(created.error().detail));
        QVERIFY(created->isValid());
        QCOMPARE(QFileInfo(keyFile).size(), qint64(32));
#ifdef Q_OS_UNIX
        struct stat info {};
        QCOMPARE(::stat(QFile::encodeName(keyFile).constData(), &info), 0);
        QCOMPARE(int(info.st_mode & 0777), 0600);
#endif
        QCOMPARE(QFile::permissions(keyFile) & (QFileDevice::ReadOther | QFileDevice::ReadGroup |
                                                QFileDevice::WriteOther | QFileDevice::WriteGroup),
                 QFileDevice::Permissions());
        // Nothing else is left in the folder (no temporary file).
        QCOMPARE(QDir(keyDir).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("db.key")});

        // Loading again reads the same key: what the first wrote, the second reads.
        const QByteArray keyBytes = readAll(keyFile);
        auto blob = created->encrypt(QByteArrayLiteral("1990-05-17"), memberId);
        QVERIFY(blob);
        for (bool create : {false, true}) {
            auto loaded = FieldCipher::loadKeyFile(keyFile, create);
            QVERIFY(loaded);
            auto plain = loaded->decrypt(*blob, memberId);
            QVERIFY(plain);
            QCOMPARE(*plain, QByteArrayLiteral("1990-05-17"));
        }
        QCOMPARE(readAll(keyFile), keyBytes);
    }

    void missingKeyIsNotCreatedUnlessAsked()
    {
        test::TempDir dir;
        const QString keyFile = dir.file(QStringLiteral("keys/db.key"));
        auto r = FieldCipher::loadKeyFile(keyFile, false);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Crypto);
        QVERIFY(r.error().message.contains(keyFile));
        QVERIFY(!QFileInfo::exists(keyFile));
    }

    void wrongSizeKeyIsRefusedAndKept()
    {
        test::TempDir dir;
        for (int size : {0, 16, 31, 33, 64}) {
            const QString keyFile = dir.file(QStringLiteral("k%1.key").arg(size));
            const QByteArray content(size, 'z');
            QVERIFY(writeAll(keyFile, content));
            for (bool create : {false, true}) {
                auto r = FieldCipher::loadKeyFile(keyFile, create);
                QVERIFY2(!r, qPrintable(QString::number(size)));
                QCOMPARE(r.error().code, ErrorCode::Crypto);
                QVERIFY(r.error().message.contains(QStringLiteral("wrong size")));
                QCOMPARE(readAll(keyFile), content);
            }
        }
    }

    void defaultKeyFileLocation()
    {
        const QByteArray saved = qgetenv("COUNTERPART_KEY_FILE");
        qunsetenv("COUNTERPART_KEY_FILE");
        const QString id = QStringLiteral("0190f5e4-7b2a-7c3d-8e4f-5a6b7c8d9e0f");
        QCOMPARE(FieldCipher::defaultKeyFile(id),
                 QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                     QStringLiteral("/Counterpart/keys/") + id + QStringLiteral(".key"));
        // The id cannot lead the file out of the keys folder.
        const QString sneaky = FieldCipher::defaultKeyFile(QStringLiteral("../../etc/passwd"));
        QVERIFY(!sneaky.contains(QStringLiteral("..")));
        QVERIFY(sneaky.endsWith(QStringLiteral("/Counterpart/keys/etcpasswd.key")));

        qputenv("COUNTERPART_KEY_FILE", "/srv/keys/till.key");
        QCOMPARE(FieldCipher::defaultKeyFile(id), QStringLiteral("/srv/keys/till.key"));
        if (saved.isNull())
            qunsetenv("COUNTERPART_KEY_FILE");
        else
            qputenv("COUNTERPART_KEY_FILE", saved);
    }

    // RFC 7914 section 11 (PBKDF2-HMAC-SHA-256); our output is the first 32 bytes.
    void pbkdf2KnownAnswers()
    {
        QCOMPARE(pbkdf2Sha256(QByteArrayLiteral("passwd"), QByteArrayLiteral("salt"), 1).toHex(),
                 QByteArrayLiteral("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"));
        QCOMPARE(pbkdf2Sha256(QByteArrayLiteral("Password"), QByteArrayLiteral("NaCl"), 80000).toHex(),
                 QByteArrayLiteral("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"));
        QVERIFY(pbkdf2Sha256(QByteArrayLiteral("passwd"), QByteArrayLiteral("salt"), 0).isEmpty());
    }

    void constantTimeCompare()
    {
        const QByteArray a = QByteArray::fromHex("55ac046e56e3089fec1691c22544b605");
        QVERIFY(constantTimeEquals(a, a));
        QVERIFY(constantTimeEquals(QByteArray(), QByteArray()));
        QByteArray b = a;
        b[15] = char(b[15] ^ 0x80);
        QVERIFY(!constantTimeEquals(a, b));
        QVERIFY(!constantTimeEquals(a, a.left(15)));
        QVERIFY(!constantTimeEquals(a, QByteArray()));
    }

    void randomBytes()
    {
        const QByteArray a = secureRandomBytes(32);
        const QByteArray b = secureRandomBytes(32);
        QCOMPARE(a.size(), 32);
        QCOMPARE(b.size(), 32);
        QVERIFY(a != b);
        QVERIFY(secureRandomBytes(0).isEmpty());
    }
    // The key ring: the till's own key seals (format 1) until a chain key is there, then the newest
    // chain key seals (format 2, naming it); both open, each bound to its member and field like before.
    void keyRingSealsWithTheNewestChainKey()
    {
        KeyRing ring;
        ring.setLocal(FieldCipher::fromKey(QByteArray(32, 'L')));
        const QByteArray ad = memberId + "id_number";
        auto own = ring.encrypt("110101199003074477", ad);
        QVERIFY(own.ok() && KeyRing::isTillSealed(own.value()));
        QCOMPARE(KeyRing::chainKeyOf(own.value()), qint64(0));

        ring.setChainKeys(
            {{1, FieldCipher::fromKey(QByteArray(32, '1'))}, {2, FieldCipher::fromKey(QByteArray(32, '2'))}});
        auto chained = ring.encrypt("110101199003074477", ad);
        QVERIFY(chained.ok() && !KeyRing::isTillSealed(chained.value()));
        QCOMPARE(KeyRing::chainKeyOf(chained.value()), qint64(2));
        for (const QByteArray &blob : {own.value(), chained.value()})
            QCOMPARE(ring.decrypt(blob, ad).value(), QByteArray("110101199003074477"));
        QVERIFY(!ring.decrypt(chained.value(), memberId + "birth_date").ok());

        // Another till of the chain: the same chain keys, another own key.
        KeyRing other;
        other.setLocal(FieldCipher::fromKey(QByteArray(32, 'O')));
        other.setChainKeys({{2, FieldCipher::fromKey(QByteArray(32, '2'))}});
        QCOMPARE(other.decrypt(chained.value(), ad).value(), QByteArray("110101199003074477"));
        QVERIFY(!other.decrypt(own.value(), ad).ok()); // sealed with the first till's own key

        // A key it has not received yet, a changed key id, an unknown format: refused in words.
        KeyRing behind;
        behind.setLocal(FieldCipher::fromKey(QByteArray(32, 'B')));
        behind.setChainKeys({{1, FieldCipher::fromKey(QByteArray(32, '1'))}});
        auto missing = behind.decrypt(chained.value(), ad);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::Crypto);
        QVERIFY(!missing.error().message.isEmpty());
        QByteArray renamed = chained.value();
        renamed[4] = 1; // claims key 1
        QVERIFY(!ring.decrypt(renamed, ad).ok());
        QVERIFY(!ring.decrypt(QByteArray("\x07garbage"), ad).ok());
        QVERIFY(!ring.decrypt(QByteArray("\x02\x00"), ad).ok());
    }
};

QTEST_GUILESS_MAIN(TestCrypto)
#include "tst_crypto.moc"
