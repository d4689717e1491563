import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/style.css';
import { mountNav } from '../shared/nav';
import { App } from './App';

mountNav();
createRoot(document.getElementById('app')!).render(<StrictMode><App /></StrictMode>);
