import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadCurrentPage } from './app';
import './styles.css';

preloadCurrentPage(window.location.pathname);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
