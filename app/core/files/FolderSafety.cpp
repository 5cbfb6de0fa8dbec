#include "core/files/FolderSafety.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hftm {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(hftm::FolderSafety)
};

QString userName(uid_t uid)
{
    const passwd *pw = ::getpwuid(uid);
    return pw ? QString::fromLocal8Bit(pw->pw_name) : Tr::tr("user id %1").arg(uid);
}

QString groupName(gid_t gid)
{
    const group *gr = ::getgrgid(gid);
    return gr ? QString::fromLocal8Bit(gr->gr_name) : Tr::tr("group id %1").arg(gid);
}

void checkFolder(const QString &folder, uid_t user, QStringList *findings)
{
    // stat, not lstat: a linked HF_HOME is fine as long as the folder it leads to is safe.
    struct stat st {};
    if (::stat(QFile::encodeName(folder).constData(), &st) != 0 || !S_ISDIR(st.st_mode))
        return;
    const QString where = QDir::toNativeSeparators(folder);
    if (st.st_uid != user)
        *findings << Tr::tr("%1 belongs to another user (%2), who can read, replace or remove the tokens in "
                            "it.")
                         .arg(where, userName(st.st_uid));
    // A sticky folder (/tmp) lets others add files but not replace ours; everything else writable by
    // others lets them swap the token files.
    if ((st.st_mode & S_ISVTX) != 0)
        return;
    if ((st.st_mode & S_IWOTH) != 0)
        *findings << Tr::tr("%1 can be changed by every user of this computer, who could replace the token "
                            "files in it. Run `chmod 700 %1`.")
                         .arg(where);
    else if ((st.st_mode & S_IWGRP) != 0)
        *findings << Tr::tr("%1 can be changed by the members of the group %2, who could replace the token "
                            "files in it. Run `chmod 700 %1`.")
                         .arg(where, groupName(st.st_gid));
}

} // namespace

QStringList FolderSafety::check(const HfPaths &paths, uid_t user)
{
    QStringList folders;
    for (const QString &folder : {paths.hfHome, QFileInfo(paths.tokenPath).absolutePath()}) {
        const QString clean = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
        if (!folder.isEmpty() && !folders.contains(clean))
            folders << clean;
    }
    QStringList findings;
    for (const QString &folder : std::as_const(folders))
        checkFolder(folder, user, &findings);
    return findings;
}

QStringList FolderSafety::check(const HfPaths &paths)
{
    return check(paths, ::geteuid());
}

} // namespace hftm
