#pragma once

#include "core/access/AccessGrid.h"
#include "core/access/ScopeCoverage.h"

#include <QUrl>
#include <QWidget>

class QLabel;
class QPushButton;

namespace hftm {

// The selected cell explained: its state, the explanation in plain words, what the Hub answered, what
// the token's scopes say about the repo, and links to the repo page and to request access.
class AccessDetailsPane : public QWidget {
    Q_OBJECT
public:
    explicit AccessDetailsPane(QWidget *parent = nullptr);

    struct Content {
        QString repo;  // display id
        QString token; // token name
        AccessCell cell;
        ScopeCoverage coverage;
        QUrl repoPage;
        QDateTime now;
    };
    void showCell(const Content &content);
    void clear();

    // For tests: what a user reads.
    QString stateText() const;
    QString explanationText() const;
    QString hubText() const;
    QString scopeText() const;
    QPushButton *requestAccessButton() const { return m_requestAccess; }
    QPushButton *openRepoButton() const { return m_openRepo; }

Q_SIGNALS:
    void openUrlRequested(const QUrl &url);

protected:
    void changeEvent(QEvent *event) override;

private:
    void restyleState();

    QLabel *m_title;
    QLabel *m_state;
    QLabel *m_explanation;
    QLabel *m_hub;
    QLabel *m_checked;
    QLabel *m_scopeHeading;
    QLabel *m_scopes;
    QPushButton *m_requestAccess;
    QPushButton *m_openRepo;
    AccessState m_shownState = AccessState::NotChecked;
    QUrl m_requestUrl;
    QUrl m_repoPage;
};

} // namespace hftm
