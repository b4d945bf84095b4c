#include "storage/KeyRing.h"

#include <QtEndian>

namespace counterpart {

namespace {

constexpr char ChainFormat = 2;
constexpr int HeaderSize = 1 + 4;

} // namespace

qint64 KeyRing::chainKeyOf(const QByteArray &blob)
{
    if (blob.size() <= HeaderSize || blob.at(0) != ChainFormat)
        return 0;
    return qint64(qFromBigEndian<quint32>(blob.constData() + 1));
}

QByteArray KeyRing::derive(qint64 kid, const QByteArray &label) const
{
    if (kid == 0)
        return m_local.isValid() ? m_local.derive(label) : QByteArray();
    const auto found = m_chain.constFind(kid);
    return found == m_chain.constEnd() ? QByteArray() : found->derive(label);
}

Result<QByteArray> KeyRing::encrypt(const QByteArray &plaintext, const QByteArray &associatedData) const
{
    if (m_chain.isEmpty())
        return m_local.encrypt(plaintext, associatedData);
    const qint64 kid = m_chain.lastKey();
    auto inner = m_chain.last().encrypt(plaintext, associatedData);
    if (!inner)
        return inner.error();
    QByteArray out(HeaderSize, Qt::Uninitialized);
    out[0] = ChainFormat;
    qToBigEndian<quint32>(quint32(kid), out.data() + 1);
    out.append(inner.value());
    return out;
}

Result<QByteArray> KeyRing::decrypt(const QByteArray &blob, const QByteArray &associatedData) const
{
    if (isTillSealed(blob)) {
        if (!m_local.isValid())
            return unreadableField(QStringLiteral("till-sealed field, no key file"));
        return m_local.decrypt(blob, associatedData);
    }
    const qint64 kid = chainKeyOf(blob);
    if (kid == 0)
        return unreadableField(QStringLiteral("unknown field format"));
    const auto key = m_chain.constFind(kid);
    if (key == m_chain.constEnd())
        return unreadableField(QStringLiteral("chain key %1 not received").arg(kid));
    return key->decrypt(blob.mid(HeaderSize), associatedData);
}

} // namespace counterpart
