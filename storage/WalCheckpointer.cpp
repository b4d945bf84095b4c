#include "storage/WalCheckpointer.h"

#include "storage/Database.h"
#include "storage/Log.h"

namespace counterpart {

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::start(const QString &path, int intervalMs)
{
    OpenOptions options;
    options.create = false;
    options.cacheSizeKiB = 1024; // it reads the log and writes pages; it looks nothing up
    CP_TRY_ASSIGN(auto db, Database::open(path, options));
    return std::unique_ptr<WalCheckpointer>(new WalCheckpointer(std::move(db), intervalMs));
}

WalCheckpointer::WalCheckpointer(std::unique_ptr<Database> db, int intervalMs)
    : m_db(std::move(db))
    , m_intervalMs(intervalMs)
{
    m_thread = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void WalCheckpointer::run()
{
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, std::chrono::milliseconds(m_intervalMs), [this] { return m_stop; })) {
        lock.unlock();
        // One row: busy (0/1), pages in the log, pages copied into the file. (Prepared statements are
        // cached by the connection; the statement resets when it goes out of scope.)
        auto st = m_db->prepare(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
        if (st && st->next()) {
            if (st->int64(2) > 0)
                ++m_checkpoints;
        } else {
            ++m_failures;
            qCWarning(lcStorage).noquote()
                << "checkpointer:" << (st ? st->error().detail : st.error().detail);
        }
        lock.lock();
    }
}

} // namespace counterpart
