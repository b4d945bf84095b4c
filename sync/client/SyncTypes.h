#pragma once

// What the sync engine tells the rest of the till: its status (the status bar) and what one cycle did
// (the CLI's `sync`).

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace counterpart::sync {

struct SyncStatus {
    bool enrolled = false;       // the till has a server and a secret
    bool online = false;         // the last request reached the server and succeeded
    bool syncing = false;        // a cycle is running
    bool needsEnrolment = false; // the server no longer accepts this terminal: enrol again
    qint64 lastSuccessMs = 0;    // end of the last complete push + pull; 0 = never
    qint64 pendingOps = 0;       // operations waiting in the outbox
    qint64 rejectedOps = 0;      // operations the server refused (kept, shown to the manager)
    qint64 unseenFlags = 0;      // things the server flagged for the manager (overdraws)
    qint64 nextAttemptMs = 0;    // when the engine tries next; 0 = not scheduled
    QString lastError;           // plain words, empty after a success

    // A new till taking in the store's members (its first cycle; a million take under a minute from
    // the snapshot file, many minutes page by page): what the status bar says meanwhile.
    enum class Loading {
        None,
        Downloading, // the snapshot file: loadedBytes of totalBytes (0 = the server did not say)
        Installing,  // the file's tables copied into the till in one transaction: a writer waits
        Writing,     // the snapshot pages: loadedMembers written this cycle (the total is not sent)
    };
    Loading loading = Loading::None;
    qint64 loadedBytes = 0;
    qint64 totalBytes = 0;
    qint64 loadedMembers = 0;

    friend bool operator==(const SyncStatus &, const SyncStatus &) = default;
};

// What "Test the connection" found (SyncEngine::testConnection): the server answered its health check
// and accepted a request signed as this till, or why not in plain words.
struct ConnectionTest {
    bool ok = false;
    QString message;       // plain words, when !ok
    QString serverVersion; // from /v1/health
    qint64 roundTripMs = 0;
};

struct CycleReport {
    bool ok = false;
    bool needsEnrolment = false;
    int pushedOps = 0;
    int applied = 0;
    int duplicates = 0;
    int rejected = 0;
    QStringList rejections; // "<kind> <opId>: <reason> (<message>)", nothing personal
    int pulledChanges = 0;
    int pulledPages = 0;
    int snapshotMembers = 0;
    bool bootstrapped = false;    // a snapshot was completed in this cycle
    qint64 snapshotFileBytes = 0; // the bootstrap loaded the store's snapshot file (its size), not pages
    qint64 cursor = 0;
    QString error; // plain words, when !ok
    // Where the cycle's time went, in wall milliseconds (the log and bench_sync read these).
    qint64 pushMs = 0;         // from the first batch read from the outbox to the last answer committed
    QList<qint64> pushBatchMs; // each batch: read, request, answer, answer applied
    qint64 snapshotMs = 0;     // the snapshot pages of a bootstrap, fetched and applied
    qint64 pullMs = 0;         // the change pages
};

} // namespace counterpart::sync

Q_DECLARE_METATYPE(counterpart::sync::SyncStatus)
Q_DECLARE_METATYPE(counterpart::sync::CycleReport)
Q_DECLARE_METATYPE(counterpart::sync::ConnectionTest)
