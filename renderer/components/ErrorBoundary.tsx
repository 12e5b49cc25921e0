/**
 * Never a blank screen: a screen that throws while rendering is replaced by a short message and
 * a way back. The error itself is not shown — it may hold a patient's details.
 */
import { Component, type ReactNode } from 'react';

interface Props {
  readonly children: ReactNode;
  readonly onBack: () => void;
}

export class ErrorBoundary extends Component<Props, { readonly failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="notice notice-error" role="alert">
        <p className="notice-title">This screen could not be shown.</p>
        <p>The rest of Practice Companion still works. Go back to patient search, or try this screen again.</p>
        <div className="button-row">
          <button type="button" onClick={this.props.onBack}>
            Back to patient search
          </button>
          <button type="button" onClick={() => { this.setState({ failed: false }); }}>
            Try again
          </button>
        </div>
      </div>
    );
  }
}
