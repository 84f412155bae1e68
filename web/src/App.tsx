// The shell: session, login, top bar, and the screen of the current route.

import { useSession } from './api/hooks';
import { TopBar, CreateWorkspace } from './components/TopBar';
import { ErrorBoundary, ErrorState, Loading } from './components/ui';
import { useRoute } from './lib/router';
import { BacktestResultPage } from './pages/BacktestResultPage';
import { BacktestsPage } from './pages/BacktestsPage';
import { ChartPage } from './pages/ChartPage';
import { LoginPage } from './pages/LoginPage';
import { MembersPage } from './pages/MembersPage';
import { OrdersPage } from './pages/OrdersPage';
import { PaperPage } from './pages/PaperPage';
import { ScannersPage } from './pages/ScannersPage';
import { WorkspaceContext, workspaceContext } from './session';

export function App() {
  const session = useSession();
  const route = useRoute();

  if (session.isPending) {
    return (
      <div className="full-screen">
        <Loading what="your session" />
      </div>
    );
  }
  if (session.isError) {
    return (
      <div className="full-screen">
        <ErrorState error={session.error} what="your session" onRetry={() => void session.refetch()} />
      </div>
    );
  }
  const data = session.data;
  if (!data.user) return <LoginPage />;
  const workspace = data.workspaces.find((candidate) => candidate.id === data.active_workspace_id) ?? data.workspaces[0];
  if (!workspace) {
    return (
      <div className="full-screen">
        <div className="card">
          <h2>No workspace yet</h2>
          <p className="muted">You are not a member of any workspace. Create one, or ask an owner to add you.</p>
          <CreateWorkspace />
        </div>
      </div>
    );
  }

  const page = route.segments[0] ?? 'chart';
  return (
    <WorkspaceContext.Provider value={workspaceContext(data, workspace)}>
      <div className="app">
        <TopBar current={page} />
        <main className="main" key={workspace.id}>
          <ErrorBoundary resetKey={`${workspace.id}/${route.segments.join('/')}`}>
            <Screen page={page} id={route.segments[1]} params={route.params} />
          </ErrorBoundary>
        </main>
        <footer className="footer">
          <span>All times UTC.</span>
          <span>
            Charts by{' '}
            <a href="https://www.tradingview.com/" target="_blank" rel="noreferrer">
              TradingView Lightweight Charts™
            </a>{' '}
            (Copyright © TradingView, Inc.)
          </span>
        </footer>
      </div>
    </WorkspaceContext.Provider>
  );
}

function Screen({ page, id, params }: { page: string; id?: string; params: URLSearchParams }) {
  switch (page) {
    case 'chart':
      return <ChartPage params={params} />;
    case 'scanners':
      return <ScannersPage params={params} />;
    case 'backtests':
      return id ? <BacktestResultPage id={id} /> : <BacktestsPage params={params} />;
    case 'paper':
      return <PaperPage planId={id} />;
    case 'orders':
      return <OrdersPage />;
    case 'members':
      return <MembersPage />;
    default:
      return <ErrorState error={new Error(`There is no screen called “${page}”.`)} what="this screen" />;
  }
}
